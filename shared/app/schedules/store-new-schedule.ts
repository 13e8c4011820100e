import { type z } from 'zod';
import { ScheduleRecord, type Schedule } from '../../contracts/schedule';
import type { Repositories, Versioned } from '../../ports/repositories';
import type { DueIndex } from '../../ports/scheduler-store';
import { commitWithDueRow } from './commit-with-due-row';
import { firstRunAt } from './first-run-at';

/** A schedule to store: everything but `nextRunAt`, which is computed; defaulted fields may be left out. */
export type NewSchedule = Omit<z.input<typeof ScheduleRecord>, 'nextRunAt'>;

/**
 * Stores a schedule with its first fire time (the demo seed and the API both come here). The due row is
 * written first: if the process dies before the schedule is stored, the sweep finds a row without a schedule
 * and drops it; the reverse order could leave a schedule that never fires.
 */
export async function storeNewSchedule(
  deps: { repos: Repositories; dueIndex: DueIndex; clock: () => Date },
  input: NewSchedule,
  options: { requireFire?: boolean } = {},
): Promise<Versioned<Schedule>> {
  const parsed = ScheduleRecord.parse({ ...input, nextRunAt: null });
  const nextRunAt = await firstRunAt(deps.repos, parsed, deps.clock(), options.requireFire ?? false);
  const schedule: Schedule = { ...parsed, nextRunAt };
  return commitWithDueRow(
    deps.dueIndex,
    { tenantId: schedule.tenantId, scheduleId: schedule.id, from: null, to: nextRunAt },
    () => deps.repos.schedules.insert(schedule.tenantId, schedule),
  );
}
