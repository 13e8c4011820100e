import type { Artifact } from '../../contracts/artifact';
import type { ExecutionRun } from '../../contracts/run';
import type { FinishRequest } from '../../contracts/run-messages';
import type { Repositories } from '../../ports/repositories';
import { runEndedEvents } from '../subscriptions/publish-event';
import type { RunDeps } from './run-deps';
import { tenantFacingMessage } from './run-error';
import { updateRun } from '../runs/update-run';
import { recordRunEnded } from './record-run-ended';
import { rememberSentData } from '../conditions/schedule-condition';

/**
 * Records the outcome once: a run that already ended keeps its first outcome. Returns the run as stored.
 * Then publishes `run.succeeded` + `artifact.created` per artifact, or `run.failed` — from the stored
 * run, every time: a retried activity (the first try may have died after the write) publishes again,
 * with the same derived event ids, so subscribers get them at least once and can de-duplicate.
 */
export async function finishRun(
  deps: Pick<RunDeps, 'repos' | 'blobs' | 'clock' | 'publishEvent' | 'metrics' | 'quotaRefund' | 'slots'>,
  request: FinishRequest,
) {
  let ended: ExecutionRun | undefined;
  const run = await updateRun(deps.repos, request.tenantId, request.runId, (r) => {
    ended = ['succeeded', 'failed', 'aborted', 'missed', 'skipped'].includes(r.status) ? undefined : r;
    return !ended
      ? undefined
      : {
          ...r,
          status: request.status,
          error: request.error && { ...request.error, message: tenantFacingMessage(request.error.message) },
          bytes: request.bytes ?? r.bytes,
          endedAt: deps.clock().toISOString(),
          steps: r.steps.map((s) => (s.status === 'running' ? { ...s, status: 'failed' as const } : s)),
        };
  });
  if (ended) recordRunEnded(deps.metrics, ended, run, request);
  await deps.slots?.release(run.tenantId, run.id);
  // A run its schedule's condition skipped sent nothing: it does not count against the day's executions.
  if (ended && run.status === 'skipped')
    await deps.quotaRefund?.refund(run.tenantId, new Date(run.createdAt));
  if (run.status === 'succeeded') await rememberSentData(deps, run);
  const artifacts = await artifactsOf(deps.repos, run.tenantId, run.id);
  await stampStatus(deps.repos, run, artifacts);
  const published = run.status === 'succeeded' ? artifacts : [];
  await Promise.all(runEndedEvents(run, published).map((event) => deps.publishEvent(event)));
  return run;
}

/**
 * The run's outcome on each of its artifacts (their `status`, indexed for the gallery's filter). Only
 * those that differ are written, so a retried activity writes nothing twice.
 */
async function stampStatus(repos: Repositories, run: ExecutionRun, artifacts: Artifact[]): Promise<void> {
  for (const artifact of artifacts) {
    if (artifact.status === run.status) continue;
    const current = await repos.artifacts.get(run.tenantId, artifact.id);
    if (current && current.doc.status !== run.status)
      await repos.artifacts.replace(run.tenantId, { ...current.doc, status: run.status }, current.etag);
  }
}

async function artifactsOf(repos: Repositories, tenantId: string, runId: string): Promise<Artifact[]> {
  const all: Artifact[] = [];
  let cursor: string | null = null;
  do {
    const page = await repos.artifacts.list(tenantId, {
      index: 'byRun',
      prefix: `${runId}|`,
      limit: 100,
      cursor,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
