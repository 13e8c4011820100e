import { executionQueueName, type ExecutionRequested } from '../../contracts/run-messages';
import type { ExecutionSlots } from '../../ports/execution-slots';
import type { MessageBus } from '../../ports/message-bus';
import { limitsOf } from '../tenants/tenant-limits';
import type { TenantProfiles } from '../tenants/tenant-profiles';

export interface SlotDeps {
  slots: ExecutionSlots;
  profiles: TenantProfiles;
  bus: MessageBus;
  clock: () => Date;
  /** How long a fire that found no slot waits before it is offered again (default 3 s, plus jitter). */
  retryDelayMs?: number;
  /** The queue the message goes back to (default: the execution queue). */
  queue?: string;
}

/**
 * Back-pressure per tenant: takes one of the tenant's `maxConcurrentExecutions` slots for the run, or — all
 * taken — puts the message back on the queue, visible again in a few seconds, and returns false. The run
 * stays queued: it is delayed, never failed or lost, and the consumer is free at once for other tenants'
 * fires (nothing waits in the consumer). The run's end releases its slot (finishRun); a slot whose run
 * died lapses with its lease.
 */
export async function takeExecutionSlotOrRequeue(
  deps: SlotDeps,
  message: ExecutionRequested,
): Promise<boolean> {
  const now = deps.clock();
  const { maxConcurrentExecutions } = limitsOf(await deps.profiles.get(message.tenantId));
  if (await deps.slots.acquire(message.tenantId, message.runId, maxConcurrentExecutions, now)) return true;
  const delayMs = (deps.retryDelayMs ?? 3_000) + Math.floor(Math.random() * 1_000);
  await deps.bus.publish(deps.queue ?? executionQueueName, {
    body: message,
    // A new id each time: Service Bus must not drop the re-offer as a duplicate of the first message.
    messageId: `${message.runId}:wait:${now.getTime()}`,
    scheduledFor: new Date(now.getTime() + delayMs),
  });
  return false;
}
