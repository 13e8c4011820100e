import { extractData } from '../../shared/app/pipeline/extract-data';
import { finishRun } from '../../shared/app/pipeline/finish-run';
import { renderArtifact } from '../../shared/app/pipeline/render-artifact';
import { startRun } from '../../shared/app/pipeline/start-run';
import { getDeps } from '../composition-root';
import { registerActivity } from './typed-activities';

/** Activities of reportRun: the input parsed by the activity table, one use case each. */
registerActivity('startRun', (ref) => startRun(getDeps().runs, ref));
registerActivity('extractData', (ref) => extractData(getDeps().runs, ref));
registerActivity('renderArtifact', (request) => renderArtifact(getDeps().runs, request));
registerActivity('finishRun', (request) => finishRun(getDeps().runs, request));
