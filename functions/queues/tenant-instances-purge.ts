import * as df from 'durable-functions';
import {
  TenantInstancesPurgeRequested,
  tenantInstancePurgeQueueName,
} from '../../shared/contracts/tenant-erase';
import { deliverOneInstanceId } from '../orchestrators/deliver-one-orchestrator';
import { durablePurger } from '../orchestrators/durable-purger';
import { renderViaJobInstanceId } from '../orchestrators/render-via-job-orchestrator';
import { defineConsumer } from './define-consumer';
import { renderJobFormats } from '../../shared/contracts/render-jobs';

/**
 * An erased tenant's Durable instances, terminated and purged: each run's `reportRun` (instance id = run
 * id) and its render-job sub-orchestrations, each delivery's `deliverOne` instances (one per redrive). The
 * message names runs and deliveries only; the instance ids are this host's to derive.
 */
defineConsumer('tenantInstancesPurge', {
  queueName: tenantInstancePurgeQueueName,
  schema: TenantInstancesPurgeRequested,
  durableClient: true,
  handler: async ({ runIds, deliveries }, deps, context) => {
    const instanceIds = [
      ...runIds.flatMap((runId) => [runId, ...renderJobFormats.map((f) => renderViaJobInstanceId(runId, f))]),
      ...deliveries.flatMap(({ id, redrives }) =>
        Array.from({ length: redrives + 1 }, (_, n) => deliverOneInstanceId(id, n)),
      ),
    ];
    const purged = await durablePurger(df.getClient(context)).purgeInstances(instanceIds);
    deps.logger.info(
      { runs: runIds.length, deliveries: deliveries.length, purged },
      'erased tenant instances purged',
    );
  },
});
