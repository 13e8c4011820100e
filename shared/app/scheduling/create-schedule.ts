import type { Schedule } from '../../contracts/schedule';
import { nextCronFire } from '../../domain/scheduling/next-fire-time';
import type { Repositories } from '../../ports/repositories';
import type { DueIndex } from '../../ports/scheduler-store';

/**
 * Stores a schedule with its first fire time. The due row is written first: if the process dies before the
 * schedule is stored, the sweep finds a row without a schedule and drops it; the reverse order could leave a
 * schedule that never fires.
 */
export async function createSchedule(
  deps: { repos: Repositories; dueIndex: DueIndex; clock: () => Date },
  schedule: Omit<Schedule, 'nextRunAt'>,
): Promise<Schedule> {
  const nextRunAt = schedule.active
    ? (nextCronFire(schedule.cronExpr, schedule.timezone, deps.clock())?.toISOString() ?? null)
    : null;
  const stored: Schedule = { ...schedule, nextRunAt };
  if (nextRunAt)
    await deps.dueIndex.add({ tenantId: schedule.tenantId, scheduleId: schedule.id, fireTime: nextRunAt });
  await deps.repos.schedules.insert(schedule.tenantId, stored);
  return stored;
}
