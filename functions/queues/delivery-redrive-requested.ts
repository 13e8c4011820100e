import * as df from 'durable-functions';
import { markRedriven } from '../../shared/app/deliveries/redrive-delivery';
import { DeliveryRedriveRequested, deliveryRedriveQueueName } from '../../shared/contracts/delivery';
import { AppError } from '../../shared/domain/errors';
import { deliverOneInstanceId } from '../orchestrators/deliver-one-orchestrator';
import { durableStarter } from '../orchestrators/durable-starter';
import { defineConsumer } from './define-consumer';

/**
 * Starts `deliverOne` for a redrive (HTTP functions hold no Durable client, so the API enqueues). The
 * instance id is derived from (delivery, redrive number): a duplicate message finds it and stops.
 */
defineConsumer('deliveryRedriveRequested', {
  queueName: deliveryRedriveQueueName,
  schema: DeliveryRedriveRequested,
  durableClient: true,
  handler: async ({ tenantId, deliveryId, redrive }, deps, context) => {
    try {
      // The API made this transition too, unless it crashed after queueing: the message is the source of truth.
      await markRedriven(deps.deliveries.ledger, tenantId, deliveryId, redrive);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) {
        deps.logger.warn({ tenantId, deliveryId, redrive, reason: err.message }, 'redrive dropped');
        return;
      }
      throw err;
    }
    const starter = durableStarter(df.getClient(context));
    const instanceId = deliverOneInstanceId(deliveryId, redrive);
    if (await starter.exists(instanceId)) return;
    await starter.start('deliverOne', instanceId, { tenantId, deliveryId });
    deps.logger.info({ tenantId, deliveryId, redrive }, 'delivery redrive started');
  },
});
