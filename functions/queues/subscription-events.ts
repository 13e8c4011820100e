import { app } from '@azure/functions';
import { dispatchEvent } from '../../shared/app/subscriptions/dispatch-event';
import { fanOutEvent } from '../../shared/app/subscriptions/fan-out-event';
import {
  DispatchRequest,
  SubscriptionEvent,
  subscriptionDispatchQueue,
  subscriptionEventsQueue,
} from '../../shared/contracts/subscription';
import { getDeps } from '../composition-root';

/**
 * Published events (Service Bus in Azure, the Storage queue of the same name locally) → one dispatch
 * message per subscription that wants the type. A throw redelivers the event (fan-out is repeatable).
 */
app.serviceBusQueue('subscriptionEventFanOut', {
  connection: 'ServiceBusConnection',
  queueName: subscriptionEventsQueue,
  handler: async (message: unknown) => {
    const deps = getDeps();
    const parsed = SubscriptionEvent.safeParse(message);
    if (!parsed.success) {
      deps.logger.error({ issues: parsed.error.issues }, 'dropping a malformed subscription event');
      return;
    }
    const queued = await fanOutEvent(deps.subscriptions, parsed.data);
    deps.logger.info(
      { tenantId: parsed.data.tenantId, eventId: parsed.data.id, eventType: parsed.data.type, queued },
      'subscription event fanned out',
    );
  },
});

/** One event to one subscriber; retries are delayed messages the use case queues itself. */
app.serviceBusQueue('subscriptionEventDispatch', {
  connection: 'ServiceBusConnection',
  queueName: subscriptionDispatchQueue,
  handler: async (message: unknown) => {
    const deps = getDeps();
    const parsed = DispatchRequest.safeParse(message);
    if (!parsed.success) {
      deps.logger.error({ issues: parsed.error.issues }, 'dropping a malformed subscription dispatch');
      return;
    }
    const { tenantId, subscriptionId, attempt, event } = parsed.data;
    const result = await dispatchEvent(deps.subscriptions, parsed.data);
    const log =
      result.outcome === 'failed' ? deps.logger.warn.bind(deps.logger) : deps.logger.info.bind(deps.logger);
    log({ tenantId, subscriptionId, eventId: event.id, attempt, ...result }, 'subscription event dispatched');
  },
});
