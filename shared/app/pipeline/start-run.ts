import type { RunRef, StartedRun } from '../../contracts/run-messages';
import { notFound } from '../../domain/errors';
import type { RunDeps } from './run-deps';
import { toRunError } from './run-error';
import { updateRun } from '../runs/update-run';

/**
 * Marks the run running and tells the orchestrator which formats to render, and when a render goes to the
 * render job queue (settings it cannot read itself); a finished run is left alone.
 */
export async function startRun(deps: RunDeps, ref: RunRef): Promise<StartedRun> {
  const run = await deps.repos.runs.get(ref.tenantId, ref.runId);
  if (!run) throw notFound('Run', ref.runId);
  if (!['queued', 'running'].includes(run.doc.status)) return { ok: false, error: null };
  const report = await deps.repos.reports.get(ref.tenantId, run.doc.reportId);
  const now = deps.clock().toISOString();
  if (!report) {
    const error = toRunError(notFound('Report', run.doc.reportId));
    await updateRun(deps.repos, ref.tenantId, ref.runId, (r) => ({
      ...r,
      status: 'failed',
      error,
      endedAt: now,
    }));
    return { ok: false, error };
  }
  let wasQueued = false;
  await updateRun(deps.repos, ref.tenantId, ref.runId, (r) => {
    wasQueued = r.status === 'queued';
    return r.status === 'running' && r.workerId === deps.workerId
      ? undefined
      : { ...r, status: 'running', startedAt: r.startedAt ?? now, workerId: deps.workerId };
  });
  // Counted once, by the call that moved the run from queued; finishRun counts it down.
  if (wasQueued) deps.metrics?.concurrentExecutions.inc();
  const jobs = deps.renderJobs;
  return {
    ok: true,
    formats: report.doc.outputs.map((o) => o.format),
    ...(jobs && jobs.minRows > 0 ? { renderJob: jobs } : {}),
  };
}
