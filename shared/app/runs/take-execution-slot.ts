import { executionQueueName, type ExecutionRequested } from '../../contracts/run-messages';
import { AppError } from '../../domain/errors';
import type { ExecutionSlots } from '../../ports/execution-slots';
import type { MessageBus } from '../../ports/message-bus';
import { limitsOf } from '../tenants/tenant-limits';
import type { TenantProfiles } from '../tenants/tenant-profiles';

export interface SlotDeps {
  slots: ExecutionSlots;
  profiles: TenantProfiles;
  bus: MessageBus;
  clock: () => Date;
  /** How long a fire that found no slot first waits before it is offered again (default 3 s, plus jitter). */
  retryDelayMs?: number;
  /** The longest wait between two offers of a fire that has been waiting a while (default 15 s). */
  maxRetryDelayMs?: number;
  /** The queue the message goes back to (default: the execution queue). */
  queue?: string;
}

/**
 * How long a fire waits before its next offer: half as long as it has waited so far, between the first
 * delay and the cap. A burst's backlog is thus re-offered O(log) times per fire instead of every few
 * seconds, so its churn does not eat the consumers' (and the slot table's) capacity that other tenants'
 * fires need; a fire that has waited long is still offered at least every `maxRetryDelayMs`.
 */
export function nextOfferDelayMs(deps: SlotDeps, waitedMs: number): number {
  const first = deps.retryDelayMs ?? 3_000;
  const cap = Math.max(first, deps.maxRetryDelayMs ?? 15_000);
  return Math.min(cap, Math.max(first, Math.floor(waitedMs / 2)));
}

/** Another consumer won every round for the tenant's free slots: that is a full tenant too, not an error. */
async function acquireOrBusy(deps: SlotDeps, message: ExecutionRequested, limit: number, now: Date) {
  try {
    return await deps.slots.acquire(message.tenantId, message.runId, limit, now);
  } catch (err) {
    if (err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE') return false;
    throw err;
  }
}

/**
 * Back-pressure per tenant: takes one of the tenant's `maxConcurrentExecutions` slots for the run, or — all
 * taken — puts the message back on the queue, visible again after `nextOfferDelayMs`, and returns false.
 * The run stays queued: it is delayed, never failed or lost, and the consumer is free at once for other
 * tenants' fires (nothing waits in the consumer). The re-offer is a new message and the one being handled
 * completes normally, so however long a fire waits, no message's delivery count grows towards the
 * dead-letter (poison) limit. The run's end releases its slot (finishRun); a slot whose run died lapses
 * with its lease.
 *
 * `queuedAt`: when the run was first queued (its row's `createdAt`), for the backoff.
 */
export async function takeExecutionSlotOrRequeue(
  deps: SlotDeps,
  message: ExecutionRequested,
  queuedAt?: string,
): Promise<boolean> {
  const now = deps.clock();
  const { maxConcurrentExecutions } = limitsOf(await deps.profiles.get(message.tenantId));
  if (await acquireOrBusy(deps, message, maxConcurrentExecutions, now)) return true;
  const waitedMs = queuedAt ? Math.max(0, now.getTime() - Date.parse(queuedAt)) : 0;
  const delayMs = nextOfferDelayMs(deps, waitedMs) + Math.floor(Math.random() * 1_000);
  await deps.bus.publish(deps.queue ?? executionQueueName, {
    body: message,
    // A new id each time: Service Bus must not drop the re-offer as a duplicate of the first message.
    messageId: `${message.runId}:wait:${now.getTime()}`,
    scheduledFor: new Date(now.getTime() + delayMs),
  });
  return false;
}
