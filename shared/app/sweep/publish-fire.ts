import type { ExecutionRequested } from '../../contracts/run-messages';
import type { Schedule } from '../../contracts/schedule';
import type { FireGate } from '../../ports/scheduler-store';
import { runIdForFire } from './run-id-for-fire';
import type { SweepDeps } from './sweep-deps';

/**
 * An ordinary fire's message is due this long before the fire time, and its consumer waits out the rest: the
 * bus's own delivery delay (Storage queues count whole seconds) is spent before the fire time, not after it, and
 * the work starts at the fire time. A message never makes a run start early.
 */
export const FIRE_HANDOVER_MS = 1_000;

/**
 * Publishes a fire whose gate is open: a pending gate means not yet published (or not known to be), so the
 * message goes out — with the run id as message id, due at `scheduledFor` — and the gate is marked. A published
 * gate means an earlier sweep got that far. Returns whether this call published.
 */
export async function publishThroughGate(
  deps: Pick<SweepDeps, 'bus' | 'gates' | 'executionQueue' | 'publishFire'>,
  schedule: Schedule,
  fireTime: string,
  gate: FireGate,
  scheduledFor?: Date,
): Promise<boolean> {
  if (gate.state === 'published') return false;
  const key = { tenantId: schedule.tenantId, scheduleId: schedule.id, fireTime };
  const runId = runIdForFire(key);
  const body: ExecutionRequested = {
    tenantId: schedule.tenantId,
    runId,
    reportId: schedule.reportId,
    scheduleId: schedule.id,
    trigger: 'schedule',
    fireTime,
    parameters: schedule.parameters,
    requestedBy: `schedule:${schedule.id}`,
  };
  if (deps.publishFire) await deps.publishFire(body, scheduledFor);
  else
    await deps.bus.publish(deps.executionQueue, {
      body,
      messageId: runId,
      ...(scheduledFor ? { scheduledFor } : {}),
    });
  await deps.gates.markPublished(schedule.tenantId, schedule.id, fireTime);
  return true;
}
