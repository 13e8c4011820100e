import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import { admitExecutionBatch } from '../../shared/app/runs/admit-execution-batch';
import { admitExecutionRequest, type AdmissionDeps } from '../../shared/app/runs/admit-execution-request';
import {
  ExecutionQueueMessage,
  executionQueueName,
  type ExecutionRequested,
} from '../../shared/contracts/run-messages';
import { durableStarter } from '../orchestrators/durable-starter';
import type { Deps } from '../composition-root';
import { defineConsumer } from './define-consumer';
import { currentTraceparent } from '../../shared/adapters/observability/trace-propagation';

// The orchestration (and its activities) continue this consumer's span.
const withTraceparent = (message: ExecutionRequested, traceparent = currentTraceparent()) =>
  traceparent ? { ...message, traceparent } : message;

const admissionDeps = (deps: Deps, context: InvocationContext): AdmissionDeps => ({
  repos: deps.repos,
  clock: deps.clock,
  quota: deps.quota,
  profiles: deps.tenantProfiles,
  backPressure: { slots: deps.slots, profiles: deps.tenantProfiles, bus: deps.bus, clock: deps.clock },
  admissionMetrics: deps.metrics,
  orchestrations: durableStarter(df.getClient(context)),
});

/** Consumer of the execution queue: one run row and one orchestration per requested run, alone or in a batch. */
defineConsumer('executionRequested', {
  queueName: executionQueueName,
  schema: ExecutionQueueMessage,
  durableClient: true,
  handler: async (message, deps, context) => {
    const fires =
      'fires' in message ? message.fires.map((f) => withTraceparent(f)) : [withTraceparent(message)];
    const admitted =
      'fires' in message
        ? await admitExecutionBatch(admissionDeps(deps, context), { fires })
        : [
            {
              fire: fires[0]!,
              outcome: await admitExecutionRequest(admissionDeps(deps, context), fires[0]!),
            },
          ];
    for (const { fire, outcome } of admitted)
      deps.logger.info({ tenantId: fire.tenantId, executionId: fire.runId, outcome }, 'execution requested');
  },
});
