import { Readable } from 'node:stream';
import type { ReportDefinition } from '../../contracts/report';
import type { ExecutionRun } from '../../contracts/run';
import type { ExtractedData, RunRef } from '../../contracts/run-messages';
import { AppError, notFound } from '../../domain/errors';
import type { ParamValue, Row } from '../../ports/data-source';
import { loadConditionCheck, type ConditionCheck } from '../conditions/schedule-condition';
import type { RunDeps } from './run-deps';
import { applyTransforms } from '../transforms/apply-transforms';
import { cancelledOutcome } from '../runs/cancel-run';
import { permanentFailureAsValue } from './run-error';
import { encodeStagedRows } from './staged-rows-format';
import { updateRun, withStepEnded, withStepStarted } from '../runs/update-run';
import { reportAtVersion } from '../reports/report-at-version';
import { pickRunVersion } from './run-report-version';
import { whileWatchingCancel } from './watch-cancellation';

/** Resolves run parameters against the report's declared parameters: declared defaults, required ones present. */
export function resolveParameters(report: ReportDefinition, run: ExecutionRun): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const p of report.dataSource.parameters) {
    const value = run.parameters[p.name] ?? p.default;
    if (value === undefined) {
      if (p.required)
        throw new AppError('VALIDATION_ERROR', `Parameter "${p.name}" is required`, { field: p.name });
      continue;
    }
    values[p.name] = value;
  }
  return values;
}

/**
 * Runs the query of the report version the run executes (the schedule's pin, else the latest; recorded on
 * the run for render to read) and stages the rows in Blob storage as JSON lines (the columns, then one line
 * per batch; staged-rows-format.ts), so that each renderer reads them without querying again and the
 * orchestrator only passes the blob name.
 */
export async function extractData(deps: RunDeps, ref: RunRef): Promise<ExtractedData> {
  return permanentFailureAsValue(async () => {
    const run = await deps.repos.runs.get(ref.tenantId, ref.runId);
    if (!run) throw notFound('Run', ref.runId);
    if (run.doc.status === 'aborted') return cancelledOutcome;
    const report = await deps.repos.reports.get(ref.tenantId, run.doc.reportId);
    if (!report) throw notFound('Report', run.doc.reportId);
    const version = await pickRunVersion(deps.repos, run.doc, report.doc);
    const executed = version ? reportAtVersion(report.doc, version) : report.doc;
    await updateRun(deps.repos, ref.tenantId, ref.runId, (r) => ({
      ...withStepStarted(r, 'extract', deps.clock()),
      ...(version ? { reportVersion: version.number } : {}),
    }));
    const outcome = await whileWatchingCancel(deps, ref, (signal) =>
      queryAndStage(deps, ref, executed, run.doc, signal),
    );
    return outcome.cancelled ? cancelledOutcome : outcome.value;
  });
}

/** The batches as they pass to staging, each shown to the schedule's condition on the way. */
async function* fed(batches: AsyncIterable<Row[]>, condition: ConditionCheck): AsyncGenerator<Row[]> {
  for await (const batch of batches) {
    condition.add(batch);
    yield batch;
  }
}

/** The query, streamed into the staged blob; a cancel of the run (signal) stops the query on the server. */
async function queryAndStage(
  deps: RunDeps,
  ref: RunRef,
  report: ReportDefinition,
  run: ExecutionRun,
  signal: AbortSignal,
) {
  try {
    const source = await deps.dataSources.resolve(ref.tenantId, report.dataSource.connectionId);
    const queried = await source.query({
      sql: report.dataSource.sql,
      params: resolveParameters(report, run),
      parameterOrder: report.dataSource.parameters.map((p) => p.name),
      ...deps.limits,
      signal,
    });
    const result = applyTransforms(report.transforms ?? [], queried);
    const condition = await loadConditionCheck(deps, run);
    let rowCount = 0;
    const staged = await deps.blobs.write(
      ref.tenantId,
      `runs/${ref.runId}/extract.ndjson`,
      Readable.from(
        encodeStagedRows(
          result.columns,
          condition ? fed(result.batches, condition) : result.batches,
          (n) => (rowCount += n),
        ),
      ),
      'application/x-ndjson',
    );
    const columns = result.columns.map((c) => c.name);
    const skipped = await condition?.decide({ columns, rowCount, dataHash: staged.sha256 });
    await updateRun(deps.repos, ref.tenantId, ref.runId, (r) => ({
      ...withStepEnded(r, 'extract', 'succeeded', deps.clock()),
      rowCount,
      ...(condition ? { dataHash: staged.sha256 } : {}),
      ...(skipped ? { skipReason: skipped } : {}),
    }));
    return { ok: true as const, stagedBlob: staged.blobName, rowCount, ...(skipped ? { skipped } : {}) };
  } catch (err) {
    await updateRun(deps.repos, ref.tenantId, ref.runId, (r) =>
      withStepEnded(r, 'extract', 'failed', deps.clock()),
    );
    throw err;
  }
}
