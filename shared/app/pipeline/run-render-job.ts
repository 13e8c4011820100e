import {
  renderCompletionQueueName,
  type RenderJobCompleted,
  type RenderJobRequested,
} from '../../contracts/render-jobs';
import type { MessageBus } from '../../ports/message-bus';
import { renderArtifact } from './render-artifact';
import type { RunDeps } from './run-deps';

export interface RenderJobDeps {
  /** The same run dependencies the renderArtifact activity uses, with the job's own worker id. */
  runs: RunDeps;
  bus: MessageBus;
}

/**
 * The render job's work for one message: the very renderArtifact use case, then the outcome published for
 * the waiting orchestration. A permanent failure (bad template, row limit) is an outcome like a success;
 * a transient one throws, so the queue delivers the message again (and, after its delivery count, moves
 * it to poison: the orchestrator's timeout then fails the run).
 */
export async function runRenderJob(
  deps: RenderJobDeps,
  message: RenderJobRequested,
): Promise<RenderJobCompleted> {
  const { tenantId, runId, format, stagedBlob, sliceKey, instanceId, eventName } = message;
  const result = await renderArtifact(deps.runs, {
    tenantId,
    runId,
    format,
    stagedBlob,
    ...(sliceKey ? { sliceKey } : {}),
  });
  const completed: RenderJobCompleted = { tenantId, runId, format, instanceId, eventName, result };
  await deps.bus.publish(renderCompletionQueueName, {
    messageId: `render-done:${tenantId}:${runId}:${format}${sliceKey ? `:${sliceKey}` : ''}`,
    body: completed,
  });
  return completed;
}
