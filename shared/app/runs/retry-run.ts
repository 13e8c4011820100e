import { createHash } from 'node:crypto';
import { conflict, notFound } from '../../domain/errors';
import { derivedId } from '../../domain/ids';
import type { Principal } from '../auth/principal';
import { assertMayRunReport } from '../reports/assert-may-run-report';
import { enqueueRun, type EnqueueRunDeps } from './enqueue-run';

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Starts the next attempt of a failed, aborted or missed run with the same report and parameters. The new
 * run's id is derived from (run, attempt), so retrying the same run twice yields the same new run.
 */
export async function retryRun(deps: EnqueueRunDeps, actor: Principal, runId: string) {
  const run = await deps.repos.runs.get(actor.tenantId, runId);
  if (!run) throw notFound('Run', runId);
  assertMayRunReport(actor, (await deps.repos.reports.get(actor.tenantId, run.doc.reportId))?.doc);
  if (!['failed', 'aborted', 'missed', 'skipped'].includes(run.doc.status)) {
    throw conflict(`Only a failed, aborted or missed run can be retried; this one is ${run.doc.status}`, {
      status: run.doc.status,
    });
  }
  const nextAttempt = run.doc.attempt + 1;
  const retryId = derivedId(`${actor.tenantId}|${runId}|attempt|${nextAttempt}`, sha256Hex);
  const existing = await deps.repos.runs.get(actor.tenantId, retryId);
  if (existing) return { runId: retryId, attempt: nextAttempt, replayed: true };
  await enqueueRun(deps, actor, {
    reportId: run.doc.reportId,
    scheduleId: run.doc.scheduleId,
    parameters: run.doc.parameters,
    trigger: 'retry',
    runId: retryId,
    attempt: nextAttempt,
  });
  return { runId: retryId, attempt: nextAttempt, replayed: false };
}
