import type { ReportVersion } from '../../contracts/report-version';
import { notFound } from '../../domain/errors';
import type { Principal } from '../auth/principal';
import { readOwned } from '../audit/audited-documents';
import { reportKind } from './report-kind';
import { getReportVersion, latestVersion, type ReportVersionDeps } from './report-versions';
import { updateReport } from './save-report';

/**
 * `POST /reports/{id}/versions/{n}/restore`: the report takes version n's query, transforms and template
 * (its name, outputs and the rest stay) and that becomes a new version, `restoredFrom: n`. Owner or admin.
 */
export async function restoreReportVersion(
  deps: ReportVersionDeps,
  principal: Principal,
  reportId: string,
  n: number,
): Promise<ReportVersion> {
  const version = (await getReportVersion(deps, principal, reportId, n)).doc;
  const current = (await readOwned(reportKind(deps.repos), principal, reportId, 'update')).doc;
  const {
    id: _id,
    tenantId: _t,
    createdBy: _c,
    createdAt: _ca,
    updatedAt: _u,
    transforms: _tr,
    template: _te,
    ...kept
  } = current;
  const restored = await updateReport(
    deps,
    principal,
    reportId,
    {
      ...kept,
      dataSource: version.dataSource,
      ...(version.transforms ? { transforms: version.transforms } : {}),
      ...(version.template ? { template: version.template } : {}),
    },
    undefined,
    n,
  );
  const latest = await latestVersion(deps.repos, principal.tenantId, restored.doc.id);
  if (!latest) throw notFound('Report version', `${reportId}/latest`);
  return latest;
}
