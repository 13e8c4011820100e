import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, RetryOptions, Task } from 'durable-functions';
import { enqueueRenderJob } from '../../shared/app/pipeline/enqueue-render-job';
import {
  renderTimeoutError,
  rendersInJob,
  type RenderJobPolicy,
} from '../../shared/app/pipeline/render-job-route';
import { RenderViaJobInput } from '../../shared/contracts/render-jobs';
import { RenderedArtifact, type RenderRequest } from '../../shared/contracts/run-messages';
import { getDeps } from '../composition-root';
import { activityTask, callActivity, registerActivity } from './typed-activities';

/** The event the render-completions consumer raises on the waiting instance. */
export const renderJobEventName = 'RenderJobCompleted';

/** One sub-orchestration per (run orchestration, format, slice): the instance the job's completion event targets. */
export const renderViaJobInstanceId = (parentInstanceId: string, format: string, sliceKey?: string) =>
  `${parentInstanceId}:render:${format}${sliceKey ? `:${sliceKey}` : ''}`;

/**
 * One large render through the render job queue: publish the request, then wait for the job's completion
 * event or the deadline, whichever comes first. The event carries what the renderArtifact activity would
 * have returned, so the run orchestrator treats both paths alike. After the deadline a late event finds
 * this instance completed and is dropped.
 */
const renderViaJob: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = RenderViaJobInput.parse(context.df.getInput());
  const { timeoutSeconds, ...request } = input;
  yield* callActivity(context, 'enqueueRenderJob', {
    ...request,
    instanceId: context.df.instanceId,
    eventName: renderJobEventName,
  });
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + timeoutSeconds * 1000);
  const completed = context.df.waitForExternalEvent(renderJobEventName);
  const timeout = context.df.createTimer(deadline);
  const winner = (yield context.df.Task.any([completed, timeout])) as Task;
  if (winner === completed) {
    timeout.cancel();
    return RenderedArtifact.parse(completed.result);
  }
  return { ok: false, error: renderTimeoutError(input.format, timeoutSeconds) } satisfies RenderedArtifact;
};

df.app.orchestration('renderViaJob', renderViaJob);

registerActivity('enqueueRenderJob', (request) => enqueueRenderJob(getDeps().bus, request));

/**
 * The task that renders one format: the renderArtifact activity in this process, or — for a large PDF or
 * HTML render when the render job queue is on — the renderViaJob sub-orchestration.
 */
export function renderTask(
  context: OrchestrationContext,
  retry: RetryOptions,
  request: RenderRequest,
  policy: RenderJobPolicy | undefined,
  rowCount: number,
): Task {
  if (!policy || !rendersInJob(policy, request.format, rowCount))
    return activityTask(context, 'renderArtifact', request, retry);
  return context.df.callSubOrchestrator(
    'renderViaJob',
    { ...request, timeoutSeconds: policy.timeoutSeconds } satisfies RenderViaJobInput,
    renderViaJobInstanceId(context.df.instanceId, request.format, request.sliceKey),
  );
}
