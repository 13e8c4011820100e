import type { Schedule } from '../../contracts/schedule';
import type { Versioned } from '../../ports/repositories';
import type { Principal } from '../auth/principal';
import { auditSchedule } from './audit-schedule';
import { writeScheduleChange } from './write-schedule-change';
import { firstRunAt } from './first-run-at';
import type { Precondition } from '../audit/audited-documents';
import type { ScheduleDeps } from './schedule-deps';

/**
 * POST /schedules/{id}/pause and /resume. Pausing clears `nextRunAt` (and its due row); resuming computes the
 * next fire from now — fires that fell inside the pause were paused on purpose, so they are not misfires.
 * Pausing a paused schedule (or resuming an active one) changes nothing and records nothing.
 */
export async function setScheduleActive(
  deps: ScheduleDeps,
  actor: Principal,
  id: string,
  active: boolean,
  precondition: Precondition | undefined,
): Promise<Versioned<Schedule>> {
  const { before, after, changed } = await writeScheduleChange(
    deps,
    actor,
    id,
    precondition,
    async (current) => {
      if (current.active === active) return null;
      const now = deps.clock();
      const next = { ...current, active, updatedAt: now.toISOString() };
      return { ...next, nextRunAt: await firstRunAt(deps.repos, next, now, false) };
    },
  );
  if (changed)
    await auditSchedule(
      deps,
      actor,
      active ? 'schedule.resumed' : 'schedule.paused',
      id,
      before.doc,
      after.doc,
    );
  return after;
}
