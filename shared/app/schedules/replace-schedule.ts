import type { Schedule } from '../../contracts/schedule';
import type { ScheduleInput } from '../../contracts/schedule-resource';
import type { Versioned } from '../../ports/repositories';
import type { Principal } from '../auth/principal';
import { auditSchedule } from './audit-schedule';
import { writeScheduleChange } from './write-schedule-change';
import { firstRunAt } from './first-run-at';
import type { Precondition } from '../audit/audited-documents';
import type { ScheduleDeps } from './schedule-deps';
import { buildScheduleDefinition } from './schedule-definition';

/**
 * PUT /schedules/{id}: the definition replaced (omitted optional fields return to their defaults); `nextRunAt`
 * recomputed from now. Paused stays paused. Fires already published keep their parameters.
 */
export async function replaceSchedule(
  deps: ScheduleDeps,
  actor: Principal,
  id: string,
  input: ScheduleInput,
  precondition: Precondition | undefined,
): Promise<Versioned<Schedule>> {
  const { before, after } = await writeScheduleChange(deps, actor, id, precondition, async (current) => {
    const now = deps.clock();
    const definition = await buildScheduleDefinition(deps.repos, actor, input, now);
    const next = { ...current, ...definition, updatedAt: now.toISOString() };
    return { ...next, nextRunAt: await firstRunAt(deps.repos, next, now, true) };
  });
  await auditSchedule(deps, actor, 'schedule.updated', id, before.doc, after.doc);
  return after;
}
