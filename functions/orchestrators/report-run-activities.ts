import * as df from 'durable-functions';
import { extractData } from '../../shared/app/runs/extract-data';
import { finishRun } from '../../shared/app/runs/finish-run';
import { renderArtifact } from '../../shared/app/runs/render-artifact';
import { startRun } from '../../shared/app/runs/start-run';
import { FinishRequest, RenderRequest, RunRef } from '../../shared/contracts/run-messages';
import { getDeps } from '../composition-root';

/**
 * A thrown failure (transient: Durable retries it) goes to the log with the run id, in full; the run
 * itself records only a message written for the tenant (see the orchestrator).
 */
async function logged<T>(activity: string, ref: RunRef, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    getDeps().logger.error(
      { err, activity, tenantId: ref.tenantId, runId: ref.runId },
      `activity ${activity} failed (Durable retries it)`,
    );
    throw err;
  }
}

/** Activities of reportRun: parse the input, call one use case. */
df.app.activity('startRun', {
  handler: (input: unknown) => {
    const ref = RunRef.parse(input);
    return logged('startRun', ref, () => startRun(getDeps().runs, ref));
  },
});

df.app.activity('extractData', {
  handler: (input: unknown) => {
    const ref = RunRef.parse(input);
    return logged('extractData', ref, () => extractData(getDeps().runs, ref));
  },
});

df.app.activity('renderArtifact', {
  handler: (input: unknown) => {
    const request = RenderRequest.parse(input);
    return logged('renderArtifact', request, () => renderArtifact(getDeps().runs, request));
  },
});

df.app.activity('finishRun', {
  handler: (input: unknown) => finishRun(getDeps().runs, FinishRequest.parse(input)),
});
