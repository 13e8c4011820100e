import * as df from 'durable-functions';
import { RenderJobCompleted, renderCompletionQueueName } from '../../shared/contracts/render-jobs';
import { defineConsumer } from './define-consumer';

/**
 * Consumer of RenderJobCompleted: raises the job's outcome as an event on the renderViaJob instance that
 * waits for it. A completed instance (it timed out) accepts and drops the event; an unknown one is logged
 * and dropped, since no retry can make it appear.
 */
defineConsumer('renderJobCompleted', {
  queueName: renderCompletionQueueName,
  schema: RenderJobCompleted,
  durableClient: true,
  handler: async ({ tenantId, runId, format, instanceId, eventName, result }, deps, context) => {
    try {
      await df.getClient(context).raiseEvent(instanceId, eventName, result);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('No instance with ID')) {
        deps.logger.warn({ tenantId, executionId: runId, format, instanceId }, 'render job outcome dropped');
        return;
      }
      throw err;
    }
    deps.logger.info({ tenantId, executionId: runId, format, ok: result.ok }, 'render job completed');
  },
});
