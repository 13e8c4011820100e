import { z } from 'zod';
import { createSubscription } from '../../shared/app/subscriptions/save-subscription';
import {
  subscriptionLocation,
  toSubscriptionResource,
} from '../../shared/app/subscriptions/subscription-deps';
import {
  SubscriptionEventType,
  SubscriptionRequest,
  SubscriptionWithSecret,
} from '../../shared/contracts/subscription';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';
import { idempotent } from '../http/idempotency';
import { sealedReplay, subscribeHelp } from './subscriptions';

/** `POST /v1/events/{event}/subscriptions`: a subscription to one event type, the URL being all the body. */
export const EventSubscriptionRequest = SubscriptionRequest.pick({ url: true, description: true }).meta({
  id: 'EventSubscriptionRequest',
});

/**
 * The same subscription as `POST /v1/subscriptions` with `events: [event]`. It exists because a
 * Power Platform connector (Swagger 2.0) has one operation per path and method: each webhook trigger
 * ("When a report run succeeds", "When a run fails", "When a delivery fails") needs a path of its own.
 */
export const subscribeToEventEndpoint = defineEndpoint(
  idempotent(
    {
      name: 'subscribeToEvent',
      method: 'POST',
      route: 'v1/events/{event}/subscriptions',
      summary: 'Subscribe a URL to one event type (what a connector webhook trigger calls)',
      description: `The same as \`POST /api/v1/subscriptions\` with \`events: [event]\`. ${subscribeHelp}`,
      tags: ['subscriptions'],
      roles: ['tenant_admin', 'report_creator'] as const,
      params: z.strictObject({ event: SubscriptionEventType }),
      body: EventSubscriptionRequest,
      errors: ['QUOTA_EXCEEDED', 'SERVICE_UNAVAILABLE'],
      etag: true,
      responses: { 201: SubscriptionWithSecret },
      handler: async ({ principal, params, body }, deps) => {
        const { subscription, secret } = await createSubscription(deps.subscriptions, principal, {
          ...body,
          events: [params.event],
        });
        return reply(
          201,
          { ...toSubscriptionResource(subscription.doc), secret },
          {
            etag: subscription.etag,
            location: subscriptionLocation(deps.subscriptions, subscription.doc.id),
          },
        );
      },
    },
    sealedReplay,
  ),
);
