import { renderJobQueueName, type RenderJobRequested } from '../../contracts/render-jobs';
import type { MessageBus } from '../../ports/message-bus';

/**
 * Hands a render to the render job queue. The message id is derived from (run, format), so a retried
 * activity or a replayed orchestration publishes a duplicate that the bus (Service Bus duplicate detection)
 * drops; where it does not, the job renders the same artifact id again and the second event is ignored.
 */
export async function enqueueRenderJob(bus: MessageBus, request: RenderJobRequested): Promise<void> {
  await bus.publish(renderJobQueueName, {
    messageId: `render:${request.tenantId}:${request.runId}:${request.format}${request.sliceKey ? `:${request.sliceKey}` : ''}`,
    body: request,
  });
}
