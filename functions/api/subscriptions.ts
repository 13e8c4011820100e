import { z } from 'zod';
import { readOwned } from '../../shared/app/audit/audited-documents';
import {
  createSubscription,
  deleteSubscription,
  rotateSubscriptionSecret,
} from '../../shared/app/subscriptions/save-subscription';
import {
  requireSubscriptionBox,
  subscriptionKind,
  subscriptionLocation,
  toSubscriptionResource,
} from '../../shared/app/subscriptions/subscription-deps';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { readStoragePosition, toStoragePage } from '../../shared/contracts/cursor';
import { SealedSecret } from '../../shared/contracts/event-trigger';
import {
  DispatchRecord,
  ListSubscriptionsQuery,
  SubscriptionRequest,
  SubscriptionResource,
  SubscriptionWithSecret,
} from '../../shared/contracts/subscription';
import type { Deps } from '../composition-root';
import { defineEndpoint } from '../http/define-endpoint';
import { noContent, reply } from '../http/endpoint-types';
import { assertIfMatch } from '../http/etag';
import { idempotent, type StoredBodyProtection } from '../http/idempotency';

const readers = ['tenant_admin', 'report_creator', 'viewer'] as const;
const writers = ['tenant_admin', 'report_creator'] as const;
const replayContext = 'subscription-replay';

/** The 201 body holds the signing secret: an Idempotency-Key replay keeps it only sealed. */
export const sealedReplay: StoredBodyProtection<Deps> = {
  seal: (body, deps) => requireSubscriptionBox(deps.subscriptions).seal(JSON.stringify(body), replayContext),
  open: (stored, deps): unknown =>
    JSON.parse(
      requireSubscriptionBox(deps.subscriptions).open(SealedSecret.parse(stored), replayContext),
    ) as unknown,
};

export const subscribeHelp =
  'Events are POSTed as JSON to `url`, signed `X-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">` ' +
  'with the secret answered here once, and carry `X-Event-Id` (also `id` in the body) for de-duplication; ' +
  'delivery is at least once, retried with backoff for about an hour. The `Location` header is the absolute ' +
  'URL to DELETE to unsubscribe (what a Power Automate / Logic Apps webhook trigger stores). At most 20 per ' +
  'tenant (403 QUOTA_EXCEEDED).';

export const createSubscriptionEndpoint = defineEndpoint(
  idempotent(
    {
      name: 'createSubscription',
      method: 'POST',
      route: 'v1/subscriptions',
      summary: 'Subscribe a URL to events (run.succeeded, run.failed, artifact.created, delivery.failed)',
      description: subscribeHelp,
      tags: ['subscriptions'],
      roles: writers,
      body: SubscriptionRequest,
      errors: ['QUOTA_EXCEEDED', 'SERVICE_UNAVAILABLE'],
      etag: true,
      responses: { 201: SubscriptionWithSecret },
      examples: {
        request: { url: 'https://hooks.example.com/report-events', events: ['run.succeeded', 'run.failed'] },
      },
      handler: async ({ principal, body }, deps) => {
        const { subscription, secret } = await createSubscription(deps.subscriptions, principal, body);
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

export const rotateSubscriptionSecretEndpoint = defineEndpoint(
  idempotent(
    {
      name: 'rotateSubscriptionSecret',
      method: 'POST',
      route: 'v1/subscriptions/{id}/rotate-secret',
      summary: 'A new signing secret, answered once; for 24 h events are signed with the old one too',
      description:
        'During the overlap `X-Signature` carries one `v1=` per secret (`t=…,v1=<new>,v1=<old>`): a ' +
        'receiver holding either verifies, so it can switch without missing an event.',
      tags: ['subscriptions'],
      roles: writers,
      params: idParamsSchema,
      errors: ['NOT_FOUND', 'PRECONDITION_FAILED', 'SERVICE_UNAVAILABLE'],
      etag: true,
      responses: { 200: SubscriptionWithSecret },
      handler: async ({ principal, params, ifMatch }, deps) => {
        const { subscription, secret } = await rotateSubscriptionSecret(
          deps.subscriptions,
          principal,
          params.id,
          (etag) => assertIfMatch(ifMatch, etag, 'Subscription', params.id),
        );
        return reply(
          200,
          { ...toSubscriptionResource(subscription.doc), secret },
          { etag: subscription.etag },
        );
      },
    },
    sealedReplay,
  ),
);

export const listSubscriptionsEndpoint = defineEndpoint({
  name: 'listSubscriptions',
  method: 'GET',
  route: 'v1/subscriptions',
  summary: 'List event subscriptions (URLs redacted, never secrets)',
  description:
    'Pages of subscriptions. URLs are shown with every query value replaced by `***`; secrets are never listed.',
  tags: ['subscriptions'],
  roles: readers,
  query: ListSubscriptionsQuery,
  responses: { 200: pageSchema(SubscriptionResource) },
  handler: async ({ principal, query }, deps) => {
    const cursor = readStoragePosition(query.cursor);
    const page = await deps.subscriptions.subscriptions.list(principal.tenantId, {
      limit: query.limit,
      cursor,
    });
    return {
      items: page.items.map(toSubscriptionResource),
      nextCursor: toStoragePage(page).nextCursor,
    };
  },
});

export const getSubscriptionEndpoint = defineEndpoint({
  name: 'getSubscription',
  method: 'GET',
  route: 'v1/subscriptions/{id}',
  summary: 'One event subscription',
  description: "The subscription's events and redacted URL (never its secret).",
  tags: ['subscriptions'],
  roles: readers,
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  etag: true,
  responses: { 200: SubscriptionResource },
  handler: async ({ principal, params }, deps) => {
    const { doc, etag } = await readOwned(
      subscriptionKind(deps.subscriptions.subscriptions),
      principal,
      params.id,
    );
    return reply(200, toSubscriptionResource(doc), { etag });
  },
});

export const listSubscriptionDispatchesEndpoint = defineEndpoint({
  name: 'listSubscriptionDispatches',
  method: 'GET',
  route: 'v1/subscriptions/{id}/dispatches',
  summary: 'What became of each event sent to a subscription: sent, retrying or failed (with attempts)',
  description:
    'One record per event sent to the subscription: sent, retrying or failed, with attempts, last status code and error. Use it to see why a flow was not triggered.',
  tags: ['subscriptions'],
  roles: readers,
  params: idParamsSchema,
  query: ListSubscriptionsQuery,
  errors: ['NOT_FOUND'],
  responses: { 200: pageSchema(DispatchRecord) },
  handler: async ({ principal, params, query }, deps) => {
    await readOwned(subscriptionKind(deps.subscriptions.subscriptions), principal, params.id);
    const cursor = readStoragePosition(query.cursor);
    const page = await deps.subscriptions.ledger.list(principal.tenantId, params.id, {
      limit: query.limit,
      cursor,
    });
    return toStoragePage(page);
  },
});

export const deleteSubscriptionEndpoint = defineEndpoint(
  idempotent({
    name: 'deleteSubscription',
    method: 'DELETE',
    route: 'v1/subscriptions/{id}',
    summary: 'Unsubscribe (events already queued for it are dropped)',
    description:
      "Unsubscribes; events already queued for it are dropped. Power Automate and Logic Apps call this through the `Location` of the subscription when a flow's trigger is removed.",
    tags: ['subscriptions'],
    roles: writers,
    params: idParamsSchema,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED'],
    responses: { 204: z.undefined() },
    handler: async ({ principal, params, ifMatch }, deps) => {
      await deleteSubscription(deps.subscriptions, principal, params.id, (etag) =>
        assertIfMatch(ifMatch, etag, 'Subscription', params.id),
      );
      return noContent();
    },
  }),
);
