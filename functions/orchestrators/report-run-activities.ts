import * as df from 'durable-functions';
import { extractData } from '../../shared/app/pipeline/extract-data';
import { finishRun } from '../../shared/app/pipeline/finish-run';
import { renderArtifact } from '../../shared/app/pipeline/render-artifact';
import { startRun } from '../../shared/app/pipeline/start-run';
import { FinishRequest, RenderRequest, RunRef } from '../../shared/contracts/run-messages';
import { getDeps } from '../composition-root';

/** Activities of reportRun: parse the input, call one use case. */
df.app.activity('startRun', { handler: (input: unknown) => startRun(getDeps().runs, RunRef.parse(input)) });

df.app.activity('extractData', {
  handler: (input: unknown) => extractData(getDeps().runs, RunRef.parse(input)),
});

df.app.activity('renderArtifact', {
  handler: (input: unknown) => renderArtifact(getDeps().runs, RenderRequest.parse(input)),
});

df.app.activity('finishRun', {
  handler: (input: unknown) => finishRun(getDeps().runs, FinishRequest.parse(input)),
});
