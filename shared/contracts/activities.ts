import { z } from 'zod';
import { DeliverOutcome, DeliverRequest, DeliveriesSummary, PlannedDeliveries } from './delivery';
import { RenderJobRequested } from './render-jobs';
import {
  ExtractedData,
  FinishRequest,
  RenderedArtifact,
  RenderRequest,
  RunRef,
  StartedRun,
} from './run-messages';

/** What an activity returns when the orchestrator only waits for it to finish. */
const Done = z.unknown();

/**
 * Every activity of the orchestrations: its name, what it takes and what it answers. The registrations
 * parse the input with it and the orchestrators parse the result, so a misspelt name or a changed shape
 * fails the build or the first test instead of a run in production.
 */
export const activities = {
  startRun: { input: RunRef, output: StartedRun },
  extractData: { input: RunRef, output: ExtractedData },
  renderArtifact: { input: RenderRequest, output: RenderedArtifact },
  finishRun: { input: FinishRequest, output: Done },
  enqueueRenderJob: { input: RenderJobRequested, output: Done },
  planDeliveries: { input: RunRef, output: PlannedDeliveries },
  deliver: { input: DeliverRequest, output: DeliverOutcome },
  recordDeliveries: { input: DeliveriesSummary, output: Done },
} as const;

export type ActivityName = keyof typeof activities;
export type ActivityInput<N extends ActivityName> = z.input<(typeof activities)[N]['input']>;
export type ActivityOutput<N extends ActivityName> = z.infer<(typeof activities)[N]['output']>;
