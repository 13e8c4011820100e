import * as df from 'durable-functions';
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import { ExecutionRequested, executionQueueName } from '../../shared/contracts/run-messages';
import { durableStarter } from '../orchestrators/durable-starter';
import { defineConsumer } from './define-consumer';
import { currentTraceparent } from '../../shared/adapters/observability/trace-propagation';

const withTraceparent = (message: ExecutionRequested, traceparent: string | undefined) =>
  traceparent ? { ...message, traceparent } : message;

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
        profiles: deps.tenantProfiles,
        backPressure: { slots: deps.slots, profiles: deps.tenantProfiles, bus: deps.bus, clock: deps.clock },
        admissionMetrics: deps.metrics,
        orchestrations: durableStarter(df.getClient(context)),
      },
      // The orchestration (and its activities) continue this consumer's span.
      withTraceparent(message, currentTraceparent()),
    );
    deps.logger.info(
      { tenantId: message.tenantId, executionId: message.runId, outcome },
      'execution requested',
    );
  },
});
