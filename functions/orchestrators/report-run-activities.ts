import { extractData } from '../../shared/app/pipeline/extract-data';
import { finishRun } from '../../shared/app/pipeline/finish-run';
import { renderArtifact } from '../../shared/app/pipeline/render-artifact';
import { startRun } from '../../shared/app/pipeline/start-run';
import type { RunRef } from '../../shared/contracts/run-messages';
import { getDeps } from '../composition-root';
import { registerActivity } from './typed-activities';

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

/** Activities of reportRun: the input parsed by the activity table, one use case each. */
registerActivity('startRun', (ref) => logged('startRun', ref, () => startRun(getDeps().runs, ref)));
registerActivity('extractData', (ref) => logged('extractData', ref, () => extractData(getDeps().runs, ref)));
registerActivity('renderArtifact', (request) =>
  logged('renderArtifact', request, () => renderArtifact(getDeps().runs, request)),
);
registerActivity('finishRun', (request) => finishRun(getDeps().runs, request));
