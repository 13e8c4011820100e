import type { ExecutionRun } from '../../contracts/run';
import type { Schedule } from '../../contracts/schedule';
import { AppError } from '../../domain/errors';
import type { Fire } from '../../domain/scheduling/fire';
import type { MisfirePolicy } from '../../domain/scheduling/misfire-policy';
import type { Repositories } from '../../ports/repositories';
import { runIdForFire } from './run-id-for-fire';

const policyText: Record<MisfirePolicy['kind'], string> = {
  skip: 'skips every missed fire',
  fire_once: 'runs only the latest missed fire',
  fire_all: 'runs the latest missed fires within its window, up to its cap',
};

/**
 * A fire the misfire policy does not run becomes a run with status `missed`, so run history shows it. Its id is
 * the fire's run id, so recording it again (a retried sweep) is a no-op. Returns whether it was recorded now.
 */
export async function recordMissedRun(
  deps: { repos: Repositories; clock: () => Date },
  schedule: Schedule,
  fire: Fire,
  plannedAt: Date,
): Promise<boolean> {
  const fireTime = fire.utc.toISOString();
  const policy = schedule.misfirePolicy.kind;
  const run: ExecutionRun = {
    id: runIdForFire({ tenantId: schedule.tenantId, scheduleId: schedule.id, fireTime }),
    tenantId: schedule.tenantId,
    reportId: schedule.reportId,
    scheduleId: schedule.id,
    trigger: 'schedule',
    fireTime,
    status: 'missed',
    attempt: 1,
    parameters: schedule.parameters,
    steps: [],
    rowCount: null,
    bytes: null,
    workerId: null,
    error: {
      code: 'MISSED_FIRE',
      message: `Not run: the scheduler was unavailable at ${fire.local} and found this fire late (at ${plannedAt.toISOString()}); the misfire policy "${policy}" ${policyText[policy]}.`,
      suggestedFix:
        policy === 'skip'
          ? 'Run the report now if you need this period, or set misfirePolicy to fire_once or fire_all to catch up after downtime.'
          : 'Run the report now if you need this period, or widen the misfire policy window or cap.',
    },
    createdAt: fireTime,
    startedAt: null,
    endedAt: deps.clock().toISOString(),
  };
  try {
    await deps.repos.runs.insert(schedule.tenantId, run);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return false;
    throw err;
  }
}
