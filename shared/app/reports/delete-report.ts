import { conflict } from '../../domain/errors';
import type { Principal } from '../auth/principal';
import { deleteAudited, type Precondition } from '../audit/audited-documents';
import { auditedDeps, reportKind, type ReportDeps } from './report-kind';
import { reportVersionKey } from './report-version-key';

const SHOWN = 50;

/** The ids of the schedules and event triggers that run a report (at most 50 of each). */
export async function findReportUsers(deps: ReportDeps, tenantId: string, reportId: string) {
  const byReport = { index: 'byReport', prefix: `${reportId}|`, limit: SHOWN };
  const [schedules, eventTriggers] = await Promise.all([
    deps.repos.schedules.list(tenantId, byReport),
    deps.repos.eventTriggers.list(tenantId, byReport),
  ]);
  return {
    schedules: schedules.items.map((s) => s.id),
    eventTriggers: eventTriggers.items.map((t) => t.id),
  };
}

/**
 * `DELETE /reports/{id}`: refused (409, listing them) while schedules or event triggers still use it; the
 * report's versions are deleted with it.
 */
export async function deleteReport(
  deps: ReportDeps,
  principal: Principal,
  id: string,
  precondition?: Precondition,
): Promise<void> {
  await deleteAudited(auditedDeps(deps), principal, reportKind(deps.repos), id, precondition, async () => {
    const users = await findReportUsers(deps, principal.tenantId, id);
    if (users.schedules.length || users.eventTriggers.length) {
      throw conflict(
        `Report ${id} is still used by ${users.schedules.length} schedule(s) and ` +
          `${users.eventTriggers.length} event trigger(s); delete or move them first`,
        users,
      );
    }
  });
  // The versions go with the report (only its schedules pin them, and there are none left).
  for (;;) {
    const page = await deps.repos.reportVersions.list(principal.tenantId, { prefix: `${id}|`, limit: 100 });
    if (!page.items.length) break;
    for (const v of page.items)
      await deps.repos.reportVersions.remove(principal.tenantId, reportVersionKey(v.reportId, v.number));
  }
}
