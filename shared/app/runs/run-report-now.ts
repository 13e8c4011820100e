import type { ExecutionRun } from '../../contracts/run';
import type { ParamValue } from '../../ports/data-source';
import { readOwned } from '../audit/audited-documents';
import type { Principal } from '../auth/principal';
import { invalidFields } from '../validation/invalid-field';
import { checkParameterValues } from '../reports/parameter-values';
import { reportKind } from '../reports/report-kind';
import { queuedRun } from './admit-execution-request';
import { enqueueRun, type EnqueueRunDeps } from './enqueue-run';

/**
 * `POST /v1/reports/{id}/runs` (run now): the report's owner or a tenant admin runs it with the given
 * parameters (checked against the declared ones, 400 naming `parameters.<name>`), through the same
 * quota-checked path as a schedule trigger. Returns the run as it is queued (already readable); the
 * execution consumer starts the orchestration.
 */
export async function runReportNow(
  deps: EnqueueRunDeps,
  actor: Principal,
  reportId: string,
  parameters: Record<string, ParamValue>,
): Promise<ExecutionRun> {
  const report = await readOwned(reportKind(deps.repos), actor, reportId, 'update');
  const problems = checkParameterValues(report.doc.dataSource.parameters, parameters, 'parameters');
  if (problems.length) throw invalidFields(problems);
  const message = await enqueueRun(deps, actor, { reportId, parameters, trigger: 'manual' });
  const stored = await deps.repos.runs.get(actor.tenantId, message.runId);
  return stored?.doc ?? queuedRun(message, deps.clock());
}
