import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import type { OutputFormat } from '../../shared/contracts/report';
import { retriesExhaustedError } from '../../shared/app/pipeline/run-error';
import type { RunError } from '../../shared/contracts/run';
import { RenderedArtifact, RunRef } from '../../shared/contracts/run-messages';
import { renderRequests } from '../../shared/app/pipeline/render-requests';
import { activityRetry } from './activity-retry';
import { deliverAll } from './deliver-one-orchestrator';
import { renderTask } from './render-via-job-orchestrator';
import { activityTask, callActivity } from './typed-activities';

export { activityRetry };

/**
 * extract → render (each format, in parallel; a bursting run each slice's formats) → store → finish.
 * Deterministic: no clock, no I/O, only activity calls with small JSON; the run record is written by the
 * activities.
 */
const reportRun: OrchestrationHandler = function* (context: OrchestrationContext) {
  const ref = RunRef.parse(context.df.getInput());
  const retry = activityRetry();
  let formats: OutputFormat[] = [];
  const finish = (status: 'succeeded' | 'failed' | 'skipped', error: RunError | null, bytes?: number) =>
    activityTask(
      context,
      'finishRun',
      { ...ref, status, error, formats, ...(bytes === undefined ? {} : { bytes }) },
      retry,
    );
  try {
    const started = yield* callActivity(context, 'startRun', ref, retry);
    if (!started.ok) return { status: 'skipped' };
    formats = started.formats;

    const extracted = yield* callActivity(context, 'extractData', ref, retry);
    if (!extracted.ok) {
      yield finish('failed', extracted.error);
      return { status: 'failed', error: extracted.error };
    }
    // The schedule's condition was false: nothing is rendered or delivered.
    if (extracted.skipped !== undefined) {
      yield finish('skipped', null);
      return { status: 'skipped', reason: extracted.skipped };
    }

    // Each format, or — a bursting run — each (slice, format), in waves of at most renderWave renders.
    const rendered: RenderedArtifact[] = [];
    for (const wave of inWaves(renderRequests(ref, started.formats, extracted), renderWave)) {
      const results = (yield context.df.Task.all(
        wave.map(({ request, rowCount }) => renderTask(context, retry, request, started.renderJob, rowCount)),
      )) as unknown[];
      // A render comes back from the activity or from the render job's event: both say RenderedArtifact.
      rendered.push(...results.map((r) => RenderedArtifact.parse(r)));
      const failure = rendered.find((r) => !r.ok);
      if (failure && !failure.ok) {
        yield finish('failed', failure.error);
        return { status: 'failed', error: failure.error };
      }
    }
    const bytes = rendered.reduce((sum, r) => sum + (r.ok ? r.bytes : 0), 0);
    yield finish('succeeded', null, bytes);
    // Deliveries run after the run is recorded as succeeded and never change that outcome.
    const deliveries = yield* deliverAll(context, ref);
    return { status: 'succeeded', artifacts: rendered.map((r) => (r.ok ? r.artifactId : null)), deliveries };
  } catch {
    // Retries exhausted on a transient failure. Its text (a stack, server paths) is the service's: each
    // failed attempt was logged with the run id; the run gets a message written for the tenant.
    const error = retriesExhaustedError();
    yield finish('failed', error);
    return { status: 'failed', error };
  }
};

/** Renders started at once: a bursting run's slices go in waves, so the run record and the workers keep up. */
const renderWave = 20;

function* inWaves<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

df.app.orchestration('reportRun', reportRun);
