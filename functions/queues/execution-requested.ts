import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import { ExecutionRequested, executionQueueName } from '../../shared/contracts/run-messages';
import { getDeps } from '../composition-root';
import { durableStarter } from '../orchestrators/durable-starter';

/**
 * Consumer of ExecutionRequested (Service Bus in Azure; locally the Storage queue of the same name).
 * A malformed message is logged and dropped rather than retried into the poison queue.
 */
app.serviceBusQueue('executionRequested', {
  connection: 'ServiceBusConnection',
  queueName: executionQueueName,
  extraInputs: [df.input.durableClient()],
  handler: async (message: unknown, context: InvocationContext) => {
    const deps = getDeps();
    const parsed = ExecutionRequested.safeParse(message);
    if (!parsed.success) {
      deps.logger.error({ issues: parsed.error.issues }, 'dropping a malformed ExecutionRequested message');
      return;
    }
    const outcome = await admitExecutionRequest(
      {
        repos: deps.repos,
        clock: deps.clock,
        quota: deps.quota,
        orchestrations: durableStarter(df.getClient(context)),
      },
      parsed.data,
    );
    deps.logger.info(
      { tenantId: parsed.data.tenantId, executionId: parsed.data.runId, outcome },
      'execution requested',
    );
  },
});
