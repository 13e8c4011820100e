import type { RunRef } from '../../contracts/run-messages';
import type { Repositories } from '../../ports/repositories';

/** What stopped work answers with: the run's cancellation, as an error the activity recognises. */
export class RunCancelled extends Error {
  constructor(runId: string) {
    super(`Run ${runId} was cancelled`);
    this.name = 'RunCancelled';
  }
}

export type Cancellable<T> = { cancelled: true } | { cancelled: false; value: T };

/**
 * Runs `work` with a signal that aborts once the run is marked aborted (POST /runs/{id}/cancel): the run
 * is read every `everyMs` while the work goes on, so a cancel stops a running query or render (DuckDB
 * interrupt, PostgreSQL cancel, Chromium tab closed) instead of waiting for the next activity. Whatever
 * the work throws after the signal fired, the answer is `{ cancelled: true }`.
 */
export async function whileWatchingCancel<T>(
  deps: { repos: Repositories; cancelPollMs?: number },
  ref: RunRef,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<Cancellable<T>> {
  const controller = new AbortController();
  let polling = false;
  const timer = setInterval(() => {
    if (polling || controller.signal.aborted) return;
    polling = true;
    deps.repos.runs
      .get(ref.tenantId, ref.runId)
      .then((run) => {
        if (run?.doc.status === 'aborted') controller.abort(new RunCancelled(ref.runId));
      })
      .catch(() => undefined) // a failed read is tried again at the next tick
      .finally(() => (polling = false));
  }, deps.cancelPollMs ?? 1000);
  try {
    return { cancelled: false, value: await work(controller.signal) };
  } catch (err) {
    if (controller.signal.aborted) return { cancelled: true };
    throw err;
  } finally {
    clearInterval(timer);
  }
}
