import { conflict, notFound } from '../../domain/errors';
import type { Repositories } from '../../ports/repositories';
import type { Precondition } from '../audit/audited-documents';
import { readOwned } from '../audit/audited-documents';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../auth/principal';
import { reportKind } from './report-kind';
import { reportVersionKey } from './report-version-key';
import { latestVersion, type ReportVersionDeps } from './report-versions';

/** The report's schedules that pin version `n`, by the schedules' report index (all of them, in pages). */
export async function schedulesPinning(
  repos: Pick<Repositories, 'schedules'>,
  tenantId: string,
  reportId: string,
  n: number,
): Promise<{ id: string; name: string | null }[]> {
  const found: { id: string; name: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const page = await repos.schedules.list(tenantId, {
      index: 'byReport',
      prefix: `${reportId}|`,
      limit: 100,
      cursor,
    });
    for (const s of page.items) if (s.reportVersion === n) found.push({ id: s.id, name: s.name });
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/**
 * `DELETE /reports/{id}/versions/{n}` (owner or tenant admin): refused (409) for the latest version — the
 * report runs it — and for a version a schedule pins, naming those schedules. Runs that used it keep its
 * number. Audited as `report.version_deleted`.
 */
export async function deleteReportVersion(
  deps: ReportVersionDeps,
  principal: Principal,
  reportId: string,
  n: number,
  precondition?: Precondition,
): Promise<void> {
  await readOwned(reportKind(deps.repos), principal, reportId, 'delete');
  const tenantId = principal.tenantId;
  const key = reportVersionKey(reportId, n);
  const version = await deps.repos.reportVersions.get(tenantId, key);
  if (!version) throw notFound('Report version', `${reportId}/${n}`);
  precondition?.(version.etag);
  if ((await latestVersion(deps.repos, tenantId, reportId))?.number === n)
    throw conflict(
      `Version ${n} is the latest version of report ${reportId}: the report runs it. Save a change or ` +
        'restore another version first, then delete this one',
      { reason: 'latest_version', version: n },
    );
  const schedules = await schedulesPinning(deps.repos, tenantId, reportId, n);
  if (schedules.length)
    throw conflict(
      `Version ${n} of report ${reportId} is pinned by ${schedules.length} schedule(s): ` +
        `${schedules.map((s) => s.name ?? s.id).join(', ')}; pin them to another version or to latest first`,
      { reason: 'version_pinned', version: n, schedules },
    );
  await deps.repos.reportVersions.remove(tenantId, key, version.etag);
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, principal, {
    action: 'report.version_deleted',
    entityType: 'report',
    entityId: reportId,
    diff: { version: { from: n, to: null } },
  });
}
