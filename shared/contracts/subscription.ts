import { z } from 'zod';
import { pageQuerySchema } from './common';
import { SealedSecret } from './event-trigger';
import { Id, IsoDateTime, TenantId } from './primitives';

/** The events an integrator can subscribe to. */
export const SubscriptionEventType = z.enum([
  'run.succeeded',
  'run.failed',
  'artifact.created',
  'delivery.failed',
  /** A tenant reached 80 % of a quota (once per quota and period). */
  'quota.warning',
  /** A tenant reached 100 % of a quota: what it asks for next is refused until the period resets. */
  'quota.exceeded',
]);
export type SubscriptionEventType = z.infer<typeof SubscriptionEventType>;

/** At most this many subscriptions per tenant (403 QUOTA_EXCEEDED beyond). */
export const MAX_SUBSCRIPTIONS_PER_TENANT = 20;

/**
 * `POST /v1/subscriptions`. `url` is where events are POSTed; a Power Automate / Logic Apps webhook
 * trigger fills it with its callback URL (`x-ms-notification-url`), which carries its own `sig`.
 */
export const SubscriptionRequest = z
  .strictObject({
    url: z
      .url()
      .max(2048)
      .meta({
        description:
          'https to a public host (plain http only for a host:port in OUTBOUND_ALLOWLIST); a Logic Apps / ' +
          'Power Automate callback URL with its sig query is accepted and stored sealed',
        'x-ms-notification-url': true,
        'x-ms-visibility': 'internal',
      }),
    events: z
      .array(SubscriptionEventType)
      .min(1)
      .max(SubscriptionEventType.options.length)
      .refine((events) => new Set(events).size === events.length, 'must not repeat an event type'),
    description: z.string().max(500).optional(),
  })
  .meta({ id: 'SubscriptionRequest' });
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

/**
 * A subscription as stored. The URL is sealed (a callback URL is a credential: its `sig` lets anyone
 * start the flow) and only shown redacted; the signing secret is sealed too (HMAC needs it back).
 */
export const Subscription = z.strictObject({
  id: Id,
  tenantId: TenantId,
  url: SealedSecret,
  /** The URL with every query value replaced by `***`. */
  urlRedacted: z.string(),
  events: z.array(SubscriptionEventType).min(1),
  description: z.string(),
  secret: SealedSecret,
  /** After a rotation the old secret keeps signing too (a second `v1=`) until this time. */
  previousSecret: SealedSecret.optional(),
  previousSecretExpiresAt: IsoDateTime.optional(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Subscription = z.infer<typeof Subscription>;

/** A subscription as the API shows it: no secret, the URL redacted. */
export const SubscriptionResource = z
  .strictObject({
    id: Id,
    tenantId: TenantId,
    url: z.string().meta({ description: 'The URL with its query values redacted (***)' }),
    events: z.array(SubscriptionEventType),
    description: z.string(),
    /** Until then events carry a second signature made with the secret before the last rotation. */
    previousSecretExpiresAt: IsoDateTime.optional(),
    createdBy: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Subscription' });
export type SubscriptionResource = z.infer<typeof SubscriptionResource>;

/** The 201 answer: the signing secret, shown this once. */
export const SubscriptionWithSecret = SubscriptionResource.extend({
  secret: z.string().meta({ description: 'Signs every event (X-Signature): shown once, store it now' }),
}).meta({ id: 'SubscriptionWithSecret' });

export const ListSubscriptionsQuery = pageQuerySchema;

/** What every event carries. `id` is derived from what happened, so a re-publish has the same id. */
export const SubscriptionEvent = z
  .strictObject({
    id: Id,
    type: SubscriptionEventType,
    tenantId: TenantId,
    occurredAt: IsoDateTime,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SubscriptionEvent' });
export type SubscriptionEvent = z.infer<typeof SubscriptionEvent>;

/** The queue carrying published events to the fan-out (Service Bus in Azure, a Storage queue locally). */
export const subscriptionEventsQueue = 'subscription-events';
/** The queue carrying one message per (event, subscription) to the sender. */
export const subscriptionDispatchQueue = 'subscription-dispatches';

/** One event for one subscription; `attempt` counts sends (a retry is a new message, delayed). */
export const DispatchRequest = z.strictObject({
  tenantId: TenantId,
  subscriptionId: Id,
  attempt: z.number().int().min(1),
  event: SubscriptionEvent,
});
export type DispatchRequest = z.infer<typeof DispatchRequest>;

/** The outcome of sending one event to one subscription, as recorded (and listed per subscription). */
export const DispatchRecord = z
  .strictObject({
    subscriptionId: Id,
    eventId: Id,
    eventType: SubscriptionEventType,
    status: z.enum(['retrying', 'sent', 'failed']),
    attempts: z.number().int().min(1),
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    error: z.string().nullable(),
    nextAttemptAt: IsoDateTime.nullable(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'SubscriptionDispatch' });
export type DispatchRecord = z.infer<typeof DispatchRecord>;
