import type { ReportDefinition } from '../../contracts/report';
import type { ReportVersion } from '../../contracts/report-version';
import type { ExecutionRun } from '../../contracts/run';
import type { Schedule } from '../../contracts/schedule';
import { AppError } from '../../domain/errors';
import type { Repositories } from '../../ports/repositories';
import { reportAtVersion } from '../reports/report-at-version';
import { reportVersionKey } from '../reports/report-version-key';
import { latestVersion } from '../reports/report-versions';

type Repos = Pick<Repositories, 'reportVersions'>;

async function versionOrFail(repos: Repos, report: ReportDefinition, n: number, why: string) {
  const found = await repos.reportVersions.get(report.tenantId, reportVersionKey(report.id, n));
  if (!found)
    throw new AppError('NOT_FOUND', `Version ${n} of report ${report.id} ${why} no longer exists`, {
      entity: 'Report version',
      id: `${report.id}/${n}`,
    });
  return found.doc;
}

/**
 * Chosen once, at extract: the version the schedule pins, else the report's latest; undefined for a
 * report saved before versions existed (it runs as it is). A schedule deleted since the fire runs latest.
 */
export async function pickRunVersion(
  repos: Repos,
  report: ReportDefinition,
  schedule: Pick<Schedule, 'id' | 'reportVersion'> | undefined,
): Promise<ReportVersion | undefined> {
  const pin = schedule?.reportVersion ?? 'latest';
  if (pin === 'latest') return latestVersion(repos, report.tenantId, report.id);
  return versionOrFail(repos, report, pin, `(pinned by schedule ${schedule?.id ?? ''})`);
}

/**
 * The report a run executes after extract (render, render job): the version the run recorded, so a save
 * between extract and render cannot mix versions; a run without one runs the current definition.
 */
export async function reportForRun(
  repos: Repos,
  run: ExecutionRun,
  report: ReportDefinition,
): Promise<ReportDefinition> {
  if (run.reportVersion === undefined) return report;
  return reportAtVersion(report, await versionOrFail(repos, report, run.reportVersion, 'used by this run'));
}
