import type { ReportDefinition } from '../../contracts/report';
import type { ScheduleReportVersion } from '../../contracts/schedule';
import type { Repositories } from '../../ports/repositories';
import { reportAtVersion } from '../reports/report-at-version';
import { reportVersionKey } from '../reports/report-version-key';
import { invalidField } from '../validation/invalid-field';

/**
 * The report as a schedule pinned to `reportVersion` would run it (the parameters are checked against
 * that version's); a pin to a version the report does not have is a 400 on `reportVersion`.
 */
export async function pinnedDefinition(
  repos: Pick<Repositories, 'reportVersions'>,
  report: ReportDefinition,
  reportVersion: ScheduleReportVersion,
): Promise<ReportDefinition> {
  if (reportVersion === 'latest') return report;
  const found = await repos.reportVersions.get(report.tenantId, reportVersionKey(report.id, reportVersion));
  if (!found)
    throw invalidField(
      'reportVersion',
      'not_found',
      `names no version of report ${report.id} (${reportVersion}); GET /api/v1/reports/${report.id}/versions lists them`,
    );
  return reportAtVersion(report, found.doc);
}
