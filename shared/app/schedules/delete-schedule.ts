import type { Principal } from '../auth/principal';
import { auditSchedule } from './audit-schedule';
import { loadSchedule } from './load-schedule';
import type { Precondition } from '../audit/audited-documents';
import type { ScheduleDeps } from './schedule-deps';

/**
 * DELETE /schedules/{id}: the schedule goes first, then its due row (if that fails, the row is stale: the sweep
 * finds no schedule and drops it). Run history and fire gates stay.
 */
export async function deleteSchedule(
  deps: ScheduleDeps,
  actor: Principal,
  id: string,
  precondition: Precondition | undefined,
): Promise<void> {
  const current = await loadSchedule(deps.repos, actor, id, 'delete');
  precondition?.(current.etag);
  await deps.repos.schedules.remove(actor.tenantId, id, current.etag);
  if (current.doc.nextRunAt !== null)
    await deps.dueIndex.remove({ tenantId: actor.tenantId, scheduleId: id, fireTime: current.doc.nextRunAt });
  await auditSchedule(deps, actor, 'schedule.deleted', id, current.doc, null);
  await deps.scheduleCountChanged?.(actor.tenantId);
}
