import type { ExecutionRun } from '../../contracts/run';
import type { FinishRequest } from '../../contracts/run-messages';
import type { RunMetrics } from './run-metrics';

/**
 * The metrics of a run that has just ended (called once, by the finishRun that recorded the outcome):
 * generation time from start (or creation) to end by formats and outcome, the failure reason, and one
 * execution fewer running when this run had been started.
 */
export function recordRunEnded(
  metrics: RunMetrics | undefined,
  before: ExecutionRun,
  after: ExecutionRun,
  request: FinishRequest,
): void {
  if (!metrics) return;
  const startedAt = Date.parse(after.startedAt ?? after.createdAt);
  const endedAt = Date.parse(after.endedAt ?? after.createdAt);
  const reportType = request.formats?.length ? [...request.formats].sort().join('+') : 'unknown';
  metrics.reportGenerationDuration.observe(
    { report_type: reportType, status: after.status },
    Math.max(0, endedAt - startedAt) / 1000,
  );
  if (after.status === 'failed') metrics.executionFailures.inc({ reason: after.error?.code ?? 'UNKNOWN' });
  if (before.status === 'running') metrics.concurrentExecutions.dec();
}
