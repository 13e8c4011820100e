import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import type { OutputFormat } from '../../shared/contracts/report';
import type { RunError } from '../../shared/contracts/run';
import {
  RunRef,
  type ExtractedData,
  type RenderedArtifact,
  type StartedRun,
} from '../../shared/contracts/run-messages';

/** Transient failures: capped exponential backoff, 5 attempts (2 s, 4 s, 8 s, 16 s). Permanent ones come back as values. */
export function activityRetry(): df.RetryOptions {
  const retry = new df.RetryOptions(2_000, 5);
  retry.backoffCoefficient = 2;
  retry.maxRetryIntervalInMilliseconds = 30_000;
  return retry;
}

/**
 * extract → render (each format, in parallel) → store → finish. Deterministic: no clock, no I/O, only
 * activity calls with small JSON; the run record is written by the activities.
 */
const reportRun: OrchestrationHandler = function* (context: OrchestrationContext) {
  const ref = RunRef.parse(context.df.getInput());
  const retry = activityRetry();
  let formats: OutputFormat[] = [];
  const finish = (status: 'succeeded' | 'failed', error: RunError | null, bytes?: number) =>
    context.df.callActivityWithRetry('finishRun', retry, {
      ...ref,
      status,
      error,
      formats,
      ...(bytes === undefined ? {} : { bytes }),
    });
  try {
    const started = (yield context.df.callActivityWithRetry('startRun', retry, ref)) as StartedRun;
    if (!started.ok) return { status: 'skipped' };
    formats = started.formats;

    const extracted = (yield context.df.callActivityWithRetry('extractData', retry, ref)) as ExtractedData;
    if (!extracted.ok) {
      yield finish('failed', extracted.error);
      return { status: 'failed', error: extracted.error };
    }

    const rendered = (yield context.df.Task.all(
      started.formats.map((format) =>
        context.df.callActivityWithRetry('renderArtifact', retry, {
          ...ref,
          format,
          stagedBlob: extracted.stagedBlob,
        }),
      ),
    )) as RenderedArtifact[];
    const failure = rendered.find((r) => !r.ok);
    if (failure && !failure.ok) {
      yield finish('failed', failure.error);
      return { status: 'failed', error: failure.error };
    }
    const bytes = rendered.reduce((sum, r) => sum + (r.ok ? r.bytes : 0), 0);
    yield finish('succeeded', null, bytes);
    return { status: 'succeeded', artifacts: rendered.map((r) => (r.ok ? r.artifactId : null)) };
  } catch (err) {
    // Retries exhausted on a transient failure.
    const error: RunError = {
      code: 'RETRIES_EXHAUSTED',
      message: err instanceof Error ? err.message.slice(0, 500) : 'activity failed',
      suggestedFix: 'A dependency kept failing; retry the run later.',
    };
    yield finish('failed', error);
    return { status: 'failed', error };
  }
};

df.app.orchestration('reportRun', reportRun);
