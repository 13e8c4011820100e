import { z } from 'zod';
import { Traceparent } from './traceparent';
import { Id, TenantId } from './primitives';
import { OutputFormat } from './report';
import { RenderedArtifact, SliceKey } from './run-messages';

/** The queue of large renders: a Container Apps job in Azure (scaled by its length), a consumer in the local host. */
export const renderJobQueueName = 'render-jobs';
/** Where a render job reports its outcome; a queue function raises it as an event on the waiting instance. */
export const renderCompletionQueueName = 'render-completions';

/** Formats that may go to the render job: Liquid and Chromium hold the rows and the page in memory. */
export const renderJobFormats: readonly OutputFormat[] = ['pdf', 'html'];

/** A render handed to the job: the same request the renderArtifact activity takes, plus who waits for it. */
export const RenderJobRequested = z.strictObject({
  tenantId: TenantId,
  runId: Id,
  format: OutputFormat,
  stagedBlob: z.string().min(1),
  /** A bursting run's slice (RenderRequest.sliceKey). */
  sliceKey: SliceKey.optional(),
  /** The Durable instance waiting for the completion event. */
  instanceId: z.string().min(1),
  eventName: z.string().min(1),
  /** The run's trace (RunRef.traceparent), passed through for the activities' spans. */
  traceparent: Traceparent.optional(),
});
export type RenderJobRequested = z.infer<typeof RenderJobRequested>;

/** The job's outcome; `result` is what the renderArtifact activity would have returned. */
export const RenderJobCompleted = z.strictObject({
  tenantId: TenantId,
  runId: Id,
  format: OutputFormat,
  instanceId: z.string().min(1),
  eventName: z.string().min(1),
  result: RenderedArtifact,
});
export type RenderJobCompleted = z.infer<typeof RenderJobCompleted>;

/** Input of the `renderViaJob` sub-orchestration. */
export const RenderViaJobInput = z.strictObject({
  tenantId: TenantId,
  runId: Id,
  format: OutputFormat,
  stagedBlob: z.string().min(1),
  sliceKey: SliceKey.optional(),
  timeoutSeconds: z.number().int().min(1),
  /** The run's trace (RunRef.traceparent), passed through for the activities' spans. */
  traceparent: Traceparent.optional(),
});
export type RenderViaJobInput = z.infer<typeof RenderViaJobInput>;
