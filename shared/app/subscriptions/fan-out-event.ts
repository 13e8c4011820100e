import {
  subscriptionDispatchQueue,
  type Subscription,
  type SubscriptionEvent,
} from '../../contracts/subscription';
import type { DocumentTable } from '../../ports/document-store';
import type { MessageBus } from '../../ports/message-bus';

export interface FanOutDeps {
  subscriptions: DocumentTable<Subscription>;
  bus: MessageBus;
  dispatchQueue?: string;
}

/** The message id of attempt `attempt` of one event to one subscription (Service Bus drops repeats). */
export const dispatchMessageId = (eventId: string, subscriptionId: string, attempt: number) =>
  attempt === 1 ? `${eventId}:${subscriptionId}` : `${eventId}:${subscriptionId}:${attempt}`;

/**
 * Queues one dispatch per subscription of the event's tenant that wants its type. Each goes out on its
 * own message, so one slow or failing subscriber never holds up another. A fan-out that fails half-way
 * is retried whole: the repeats carry the same message ids, and the sender skips what it already sent.
 */
export async function fanOutEvent(deps: FanOutDeps, event: SubscriptionEvent): Promise<number> {
  const wanted: Subscription[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.subscriptions.list(event.tenantId, { limit: 100, cursor });
    wanted.push(...page.items.filter((s) => s.events.includes(event.type)));
    cursor = page.nextCursor;
  } while (cursor);
  await Promise.all(
    wanted.map((s) =>
      deps.bus.publish(deps.dispatchQueue ?? subscriptionDispatchQueue, {
        messageId: dispatchMessageId(event.id, s.id, 1),
        body: { tenantId: event.tenantId, subscriptionId: s.id, attempt: 1, event },
      }),
    ),
  );
  return wanted.length;
}
