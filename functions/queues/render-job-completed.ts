import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { RenderJobCompleted, renderCompletionQueueName } from '../../shared/contracts/render-jobs';
import { getDeps } from '../composition-root';

/**
 * Consumer of RenderJobCompleted: raises the job's outcome as an event on the renderViaJob instance that
 * waits for it. A completed instance (it timed out) accepts and drops the event; an unknown one is logged
 * and dropped, since no retry can make it appear.
 */
app.serviceBusQueue('renderJobCompleted', {
  connection: 'ServiceBusConnection',
  queueName: renderCompletionQueueName,
  extraInputs: [df.input.durableClient()],
  handler: async (message: unknown, context: InvocationContext) => {
    const deps = getDeps();
    const parsed = RenderJobCompleted.safeParse(message);
    if (!parsed.success) {
      deps.logger.error({ issues: parsed.error.issues }, 'dropping a malformed RenderJobCompleted message');
      return;
    }
    const { tenantId, runId, format, instanceId, eventName, result } = parsed.data;
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
