import { dispatchEvent } from '../../shared/app/subscriptions/dispatch-event';
import { fanOutEvent } from '../../shared/app/subscriptions/fan-out-event';
import {
  DispatchRequest,
  SubscriptionEvent,
  subscriptionDispatchQueue,
  subscriptionEventsQueue,
} from '../../shared/contracts/subscription';
import { defineConsumer } from './define-consumer';

/**
 * Published events (Service Bus in Azure, the Storage queue of the same name locally) → one dispatch
 * message per subscription that wants the type. A throw redelivers the event (fan-out is repeatable).
 */
defineConsumer('subscriptionEventFanOut', {
  queueName: subscriptionEventsQueue,
  schema: SubscriptionEvent,
  handler: async (event, deps) => {
    const queued = await fanOutEvent(deps.subscriptions, event);
    deps.logger.info(
      { tenantId: event.tenantId, eventId: event.id, eventType: event.type, queued },
      'subscription event fanned out',
    );
  },
});

/** One event to one subscriber; retries are delayed messages the use case queues itself. */
defineConsumer('subscriptionEventDispatch', {
  queueName: subscriptionDispatchQueue,
  schema: DispatchRequest,
  handler: async (request, deps) => {
    const { tenantId, subscriptionId, attempt, event } = request;
    const result = await dispatchEvent(deps.subscriptions, request);
    const log =
      result.outcome === 'failed' ? deps.logger.warn.bind(deps.logger) : deps.logger.info.bind(deps.logger);
    log({ tenantId, subscriptionId, eventId: event.id, attempt, ...result }, 'subscription event dispatched');
  },
});
