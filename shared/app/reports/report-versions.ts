import type { ReportDefinition } from '../../contracts/report';
import type { ReportVersion } from '../../contracts/report-version';
import { AppError, notFound } from '../../domain/errors';
import type { Page, Repositories, Versioned } from '../../ports/repositories';
import type { Principal } from '../auth/principal';
import { readOwned } from '../audit/audited-documents';
import { reportKind } from './report-kind';
import { reportVersionKey } from './report-version-key';

export interface ReportVersionDeps {
  repos: Repositories;
  clock: () => Date;
}

const versioned = (r: Pick<ReportDefinition, 'dataSource' | 'transforms' | 'template'>) =>
  JSON.stringify([r.dataSource, r.transforms ?? null, r.template ?? null]);

export async function latestVersion(
  repos: Pick<Repositories, 'reportVersions'>,
  tenantId: string,
  reportId: string,
) {
  const page = await repos.reportVersions.list(tenantId, { prefix: `${reportId}|`, limit: 1 });
  return page.items[0];
}

/**
 * Writes the report's next version when its query, transforms or template differ from the latest one (or
 * always, for a restore). Two saves at once both try the same number: the loser reads again and takes the
 * next. Called after the report is stored, so a crash in between leaves the version to the next save.
 */
export async function recordReportVersion(
  deps: ReportVersionDeps,
  principal: Principal,
  report: ReportDefinition,
  restoredFrom?: number,
): Promise<ReportVersion> {
  for (let attempt = 0; ; attempt++) {
    const latest = await latestVersion(deps.repos, report.tenantId, report.id);
    if (latest && restoredFrom === undefined && versioned(latest) === versioned(report)) return latest;
    const version: ReportVersion = {
      tenantId: report.tenantId,
      reportId: report.id,
      number: (latest?.number ?? 0) + 1,
      dataSource: report.dataSource,
      ...(report.transforms ? { transforms: report.transforms } : {}),
      ...(report.template ? { template: report.template } : {}),
      ...(restoredFrom === undefined ? {} : { restoredFrom }),
      createdBy: principal.userId,
      createdAt: deps.clock().toISOString(),
    };
    try {
      return (await deps.repos.reportVersions.insert(report.tenantId, version)).doc;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT') || attempt >= 4) throw err;
    }
  }
}

/** `GET /reports/{id}/versions`: newest first, for anyone who may read the report. */
export async function listReportVersions(
  deps: ReportVersionDeps,
  principal: Principal,
  reportId: string,
  page: { limit: number; cursor?: string | null | undefined },
): Promise<Page<ReportVersion>> {
  await readOwned(reportKind(deps.repos), principal, reportId);
  return deps.repos.reportVersions.list(principal.tenantId, {
    prefix: `${reportId}|`,
    limit: page.limit,
    cursor: page.cursor ?? null,
  });
}

/** `GET /reports/{id}/versions/{n}`. */
export async function getReportVersion(
  deps: ReportVersionDeps,
  principal: Principal,
  reportId: string,
  n: number,
): Promise<Versioned<ReportVersion>> {
  await readOwned(reportKind(deps.repos), principal, reportId);
  const found = await deps.repos.reportVersions.get(principal.tenantId, reportVersionKey(reportId, n));
  if (!found) throw notFound('Report version', `${reportId}/${n}`);
  return found;
}
