import type { ReportDefinition } from '../../contracts/report';
import type { ExecutionRun } from '../../contracts/run';
import type { Schedule } from '../../contracts/schedule';
import type { ExtractedData, RunRef } from '../../contracts/run-messages';
import { notFound } from '../../domain/errors';
import { stageColumnSlices, stageParameterSlices } from './stage-burst';
import { stageWhole, type StageJob } from './stage-rows';
import { conditionCheckFor } from '../conditions/schedule-condition';
import type { RunDeps } from './run-deps';
import { cancelledOutcome } from '../runs/cancel-run';
import { permanentFailureAsValue } from './run-error';
import { updateRun, withStepEnded, withStepStarted } from '../runs/update-run';
import { reportAtVersion } from '../reports/report-at-version';
import { pickRunVersion } from './run-report-version';
import { whileWatchingCancel } from './watch-cancellation';

export { resolveParameters } from './stage-rows';

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
    // One read of the schedule for all it decides here: the pinned version, the condition, the burst.
    const schedule = run.doc.scheduleId
      ? (await deps.repos.schedules.get(ref.tenantId, run.doc.scheduleId))?.doc
      : undefined;
    const version = await pickRunVersion(deps.repos, report.doc, schedule);
    const executed = version ? reportAtVersion(report.doc, version) : report.doc;
    await updateRun(deps.repos, ref.tenantId, ref.runId, (r) => ({
      ...withStepStarted(r, 'extract', deps.clock()),
      ...(version ? { reportVersion: version.number } : {}),
    }));
    const outcome = await whileWatchingCancel(deps, ref, (signal) =>
      queryAndStage(deps, ref, executed, run.doc, schedule, signal),
    );
    return outcome.cancelled ? cancelledOutcome : outcome.value;
  });
}

/** The query, streamed into the staged blob(s); a cancel of the run (signal) stops the query on the server. */
async function queryAndStage(
  deps: RunDeps,
  ref: RunRef,
  report: ReportDefinition,
  run: ExecutionRun,
  schedule: Schedule | undefined,
  signal: AbortSignal,
) {
  try {
    const condition = conditionCheckFor(deps, run, schedule);
    const burst = schedule?.burst ?? null;
    const job: StageJob = { deps, ref, report, run, signal, condition };
    const staged =
      burst?.mode === 'parameters'
        ? await stageParameterSlices(job, burst)
        : burst?.mode === 'column'
          ? await stageColumnSlices(job, burst)
          : await stageWhole(job);
    const { columns, rowCount, dataHash } = staged;
    const skipped = await condition?.decide({ columns, rowCount, dataHash });
    const slices = staged.burst && !skipped ? await staged.burst.writeSlices() : undefined;
    await updateRun(deps.repos, ref.tenantId, ref.runId, (r) => ({
      ...withStepEnded(r, 'extract', 'succeeded', deps.clock()),
      rowCount,
      ...(condition ? { dataHash } : {}),
      ...(skipped ? { skipReason: skipped } : {}),
      ...(staged.burst ? { burst: staged.burst.summary } : {}),
    }));
    return {
      ok: true as const,
      stagedBlob: staged.stagedBlob,
      rowCount,
      ...(skipped ? { skipped } : {}),
      ...(slices ? { slices } : {}),
    };
  } catch (err) {
    await updateRun(deps.repos, ref.tenantId, ref.runId, (r) =>
      withStepEnded(r, 'extract', 'failed', deps.clock()),
    );
    throw err;
  }
}
