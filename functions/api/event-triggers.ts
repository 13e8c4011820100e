import { app } from '@azure/functions';
import { z } from 'zod';
import { readOwned } from '../../shared/app/audit/audited-documents';
import { deleteEventTrigger } from '../../shared/app/event-triggers/delete-event-trigger';
import {
  requireSecretBox,
  toTriggerResource,
  triggerKind,
  type EventTriggerDeps,
} from '../../shared/app/event-triggers/event-trigger-deps';
import { fireEventTrigger } from '../../shared/app/event-triggers/fire-event-trigger';
import {
  createEventTrigger,
  rotateEventTriggerSecret,
  updateEventTrigger,
} from '../../shared/app/event-triggers/save-event-trigger';
import { sealContext } from '../../shared/app/event-triggers/secret-box';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { readStoragePosition, toStoragePage } from '../../shared/contracts/cursor';
import {
  EventTriggerRequest,
  EventTriggerResource,
  EventTriggerWithSecret,
  FireTriggerRequest,
  FireTriggerResponse,
  ListEventTriggersQuery,
  SealedSecret,
  triggerParamsSchema,
} from '../../shared/contracts/event-trigger';
import type { Deps } from '../composition-root';
import { apiEndpoints, defineEndpoint, endpointsFor, withDeps } from '../http/define-endpoint';
import { noContent, reply } from '../http/endpoint-types';
import { assertIfMatch } from '../http/etag';
import { idempotent, type StoredBodyProtection } from '../http/idempotency';
import { validateInput } from '../http/parse-input';
import { readBodyWithLimit } from '../http/read-body';
import { runEndpoint } from '../http/run-endpoint';

const readers = ['tenant_admin', 'report_creator', 'viewer'] as const;
const writers = ['tenant_admin', 'report_creator'] as const;
const ifMatched = (ifMatch: string | undefined, id: string) => (etag: string) =>
  assertIfMatch(ifMatch, etag, 'Event trigger', id);
const triggerDeps = (deps: Deps): EventTriggerDeps => ({
  repos: deps.repos,
  bus: deps.bus,
  quota: deps.quota,
  clock: deps.clock,
  ...deps.eventTriggers,
  publicBaseUrl: deps.config.PUBLIC_BASE_URL,
});
const location = (id: string) => `/api/v1/event-triggers/${id}`;

/** A response carrying a secret is kept for Idempotency-Key replays only sealed, like the trigger's own. */
const sealedReplay: StoredBodyProtection<Deps> = {
  seal: (body, deps) =>
    requireSecretBox(deps.eventTriggers).seal(JSON.stringify(body), sealContext('replay', '')),
  open: (stored, deps): unknown =>
    JSON.parse(
      requireSecretBox(deps.eventTriggers).open(SealedSecret.parse(stored), sealContext('replay', '')),
    ) as unknown,
};

const signatureHelp =
  'Integrators call `POST /api/v1/triggers/{id}` with `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 ' +
  'of "<t>.<raw body>" keyed with the secret>`. The secret is shown once, here; rotate it to get a new one.';

export const createEventTriggerEndpoint = defineEndpoint(
  idempotent(
    {
      name: 'createEventTrigger',
      method: 'POST',
      route: 'v1/event-triggers',
      summary: 'Create an event trigger for a report; answers its signing secret once',
      description: signatureHelp,
      tags: ['event-triggers'],
      roles: writers,
      body: EventTriggerRequest,
      errors: ['SERVICE_UNAVAILABLE'],
      etag: true,
      responses: { 201: EventTriggerWithSecret },
      handler: async ({ principal, body }, deps) => {
        const d = triggerDeps(deps);
        const { trigger, secret } = await createEventTrigger(d, principal, body);
        return reply(
          201,
          { ...toTriggerResource(d, trigger.doc), secret },
          {
            etag: trigger.etag,
            location: location(trigger.doc.id),
          },
        );
      },
    },
    sealedReplay,
  ),
);

export const rotateEventTriggerSecretEndpoint = defineEndpoint(
  idempotent(
    {
      name: 'rotateEventTriggerSecret',
      method: 'POST',
      route: 'v1/event-triggers/{id}/rotate-secret',
      summary: 'Replace the signing secret (the old one stops working at once); answers the new one once',
      description:
        'Generates a new signing secret and answers it once; from then on only signatures with the new secret are accepted.',
      tags: ['event-triggers'],
      roles: writers,
      params: idParamsSchema,
      errors: ['NOT_FOUND', 'PRECONDITION_FAILED', 'SERVICE_UNAVAILABLE'],
      etag: true,
      responses: { 200: EventTriggerWithSecret },
      handler: async ({ principal, params, ifMatch }, deps) => {
        const d = triggerDeps(deps);
        const { trigger, secret } = await rotateEventTriggerSecret(
          d,
          principal,
          params.id,
          ifMatched(ifMatch, params.id),
        );
        return reply(200, { ...toTriggerResource(d, trigger.doc), secret }, { etag: trigger.etag });
      },
    },
    sealedReplay,
  ),
);

export const listEventTriggersEndpoint = defineEndpoint({
  name: 'listEventTriggers',
  method: 'GET',
  route: 'v1/event-triggers',
  summary: 'List event triggers (optionally of one report)',
  description:
    'Pages of event triggers, optionally of one `reportId`. Secrets are never listed; the trigger URL is.',
  tags: ['event-triggers'],
  roles: readers,
  query: ListEventTriggersQuery,
  responses: { 200: pageSchema(EventTriggerResource) },
  handler: async ({ principal, query }, deps) => {
    const cursor = readStoragePosition(query.cursor);
    const page = await deps.repos.eventTriggers.list(principal.tenantId, {
      limit: query.limit,
      cursor,
      ...(query.reportId ? { index: 'byReport', prefix: `${query.reportId}|` } : {}),
    });
    return {
      items: page.items.map((t) => toTriggerResource(triggerDeps(deps), t)),
      nextCursor: toStoragePage(page).nextCursor,
    };
  },
});

export const getEventTriggerEndpoint = defineEndpoint({
  name: 'getEventTrigger',
  method: 'GET',
  route: 'v1/event-triggers/{id}',
  summary: 'One event trigger (never its secret)',
  description: "The trigger's report, parameters and URL. The secret is shown only when created or rotated.",
  tags: ['event-triggers'],
  roles: readers,
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  etag: true,
  responses: { 200: EventTriggerResource },
  handler: async ({ principal, params }, deps) => {
    const { doc, etag } = await readOwned(triggerKind(deps.repos), principal, params.id);
    return reply(200, toTriggerResource(triggerDeps(deps), doc), { etag });
  },
});

export const updateEventTriggerEndpoint = defineEndpoint(
  idempotent({
    name: 'updateEventTrigger',
    method: 'PUT',
    route: 'v1/event-triggers/{id}',
    summary: 'Replace an event trigger (its secret stays)',
    description: "Replaces the trigger's report and parameters; the URL and the signing secret stay.",
    tags: ['event-triggers'],
    roles: writers,
    params: idParamsSchema,
    body: EventTriggerRequest,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED'],
    etag: true,
    responses: { 200: EventTriggerResource },
    handler: async ({ principal, params, body, ifMatch }, deps) => {
      const d = triggerDeps(deps);
      const { doc, etag } = await updateEventTrigger(
        d,
        principal,
        params.id,
        body,
        ifMatched(ifMatch, params.id),
      );
      return reply(200, toTriggerResource(d, doc), { etag });
    },
  }),
);

export const deleteEventTriggerEndpoint = defineEndpoint(
  idempotent({
    name: 'deleteEventTrigger',
    method: 'DELETE',
    route: 'v1/event-triggers/{id}',
    summary: 'Delete an event trigger; its URL stops working',
    description: 'Deletes the trigger: calls to its URL answer 401 from then on.',
    tags: ['event-triggers'],
    roles: writers,
    params: idParamsSchema,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED'],
    responses: { 204: z.undefined() },
    handler: async ({ principal, params, ifMatch }, deps) => {
      await deleteEventTrigger(triggerDeps(deps), principal, params.id, ifMatched(ifMatch, params.id));
      return noContent();
    },
  }),
);

/**
 * The public trigger. Its signature covers the raw body, which the pipeline does not hand to handlers:
 * the function reads a copy of the body first and runs the pipeline with a handler bound to those bytes.
 * The body is validated only after the signature (the documented schema is applied by the handler).
 */
export const fireEventTriggerEndpoint = endpointsFor<Deps>()({
  name: 'fireEventTrigger',
  method: 'POST',
  route: 'v1/triggers/{triggerId}',
  summary: 'Run a report now, from an external event (HMAC-signed, no token)',
  description:
    '`X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; the timestamp must be ' +
    'within 5 minutes and each signature is accepted once. Any signature failure, an unknown trigger ' +
    'included, is 401. Parameters are checked against the report’s declared types.',
  tags: ['event-triggers'],
  roles: 'public',
  params: triggerParamsSchema,
  body: FireTriggerRequest,
  errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'CONFLICT', 'QUOTA_EXCEEDED', 'SERVICE_UNAVAILABLE'],
  responses: { 202: FireTriggerResponse },
  examples: {
    request: { parameters: { minQuantity: 5 } },
    responses: { 202: { runId: '0190c2d4-7e1a-7c3b-9f2e-5d6c7b8a9e0f' } },
  },
  handler: () => Promise.reject(new Error('bound per request with its raw body')),
});
apiEndpoints.add(fireEventTriggerEndpoint);

app.http(fireEventTriggerEndpoint.name, {
  methods: ['POST'],
  route: fireEventTriggerEndpoint.route,
  authLevel: 'anonymous',
  handler: withDeps(async (deps, request, context) => {
    // Oversize or unreadable: the pipeline reads its own copy and answers (413) in the envelope.
    const rawBody = await readBodyWithLimit(request.clone(), deps.config.MAX_REQUEST_BYTES).catch(() =>
      Buffer.alloc(0),
    );
    const bound = {
      ...fireEventTriggerEndpoint,
      body: z.unknown(),
      handler: async (ctx: { params: unknown; body: unknown; headers: Headers }, d: Deps) => {
        const { triggerId } = ctx.params as z.infer<typeof triggerParamsSchema>;
        const run = await fireEventTrigger(triggerDeps(d), {
          triggerId,
          signature: ctx.headers.get('x-signature'),
          rawBody,
          readBody: () =>
            validateInput(FireTriggerRequest, ctx.body ?? {}, 'body') as z.infer<typeof FireTriggerRequest>,
        });
        return reply(202, run);
      },
    };
    return runEndpoint(bound, deps, request, context);
  }),
});
