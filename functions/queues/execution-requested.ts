import * as df from 'durable-functions';
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import { ExecutionRequested, executionQueueName } from '../../shared/contracts/run-messages';
import { durableStarter } from '../orchestrators/durable-starter';
import { defineConsumer } from './define-consumer';

/** Consumer of ExecutionRequested: one run row and one orchestration per requested run. */
defineConsumer('executionRequested', {
  queueName: executionQueueName,
  schema: ExecutionRequested,
  durableClient: true,
  handler: async (message, deps, context) => {
    const outcome = await admitExecutionRequest(
      {
        repos: deps.repos,
        clock: deps.clock,
        quota: deps.quota,
        admissionMetrics: deps.metrics,
        orchestrations: durableStarter(df.getClient(context)),
      },
      message,
    );
    deps.logger.info(
      { tenantId: message.tenantId, executionId: message.runId, outcome },
      'execution requested',
    );
  },
});
