import { z } from 'zod';
import { readOwned } from '../../shared/app/audit/audited-documents';
import {
  createDeliveryTarget,
  deleteDeliveryTarget,
  deliveryTargetKind,
  updateDeliveryTarget,
} from '../../shared/app/delivery-targets/save-delivery-target';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { decodeCursor, encodeCursor } from '../../shared/contracts/cursor';
import {
  DeliveryTarget,
  DeliveryTargetRequest,
  ListDeliveryTargetsQuery,
} from '../../shared/contracts/delivery-target';
import type { Deps } from '../composition-root';
import { defineEndpoint } from '../http/define-endpoint';
import { noContent, reply } from '../http/endpoint-types';
import { assertIfMatch } from '../http/etag';
import { idempotent } from '../http/idempotency';

const readers = ['tenant_admin', 'report_creator', 'viewer'] as const;
const writers = ['tenant_admin', 'report_creator'] as const;
const storageCursor = z.strictObject({ t: z.string() });
const ifMatched = (ifMatch: string | undefined, id: string) => (etag: string) =>
  assertIfMatch(ifMatch, etag, 'Delivery target', id);
const targetDeps = (deps: Deps) => ({
  repos: deps.repos,
  clock: deps.clock,
  outboundAllowlist: deps.config.OUTBOUND_ALLOWLIST,
});
const example = {
  type: 'webhook',
  name: 'Finance intake',
  config: { url: 'https://hooks.example.com/reports', secretRef: 'keyvault:finance-webhook-key' },
};
const secretsNote =
  'Secrets are references (`env:NAME`, `keyvault:name`), never values; a value that looks like a raw ' +
  'secret or URL where a reference belongs is refused. Webhooks need https to a public host unless ' +
  'its host:port is in OUTBOUND_ALLOWLIST.';

export const createDeliveryTargetEndpoint = defineEndpoint(
  idempotent({
    name: 'createDeliveryTarget',
    method: 'POST',
    route: 'v1/delivery-targets',
    summary: 'Configure a delivery channel: email, webhook, Slack or signed link',
    description: secretsNote,
    tags: ['delivery-targets'],
    roles: writers,
    body: DeliveryTargetRequest,
    responses: { 201: DeliveryTarget },
    examples: { request: example },
    handler: async ({ principal, body }, deps) => {
      const { doc, etag } = await createDeliveryTarget(targetDeps(deps), principal, body);
      return reply(201, doc, { etag, location: `/api/v1/delivery-targets/${doc.id}` });
    },
  }),
);

export const listDeliveryTargetsEndpoint = defineEndpoint({
  name: 'listDeliveryTargets',
  method: 'GET',
  route: 'v1/delivery-targets',
  summary: 'List delivery targets (optionally of one type)',
  tags: ['delivery-targets'],
  roles: readers,
  query: ListDeliveryTargetsQuery,
  responses: { 200: pageSchema(DeliveryTarget) },
  handler: async ({ principal, query }, deps) => {
    const cursor = query.cursor ? decodeCursor(query.cursor, storageCursor).t : null;
    const page = await deps.repos.deliveryTargets.list(principal.tenantId, {
      limit: query.limit,
      cursor,
      ...(query.type ? { index: 'byType', prefix: `${query.type}|` } : {}),
    });
    return { items: page.items, nextCursor: page.nextCursor ? encodeCursor({ t: page.nextCursor }) : null };
  },
});

export const getDeliveryTargetEndpoint = defineEndpoint({
  name: 'getDeliveryTarget',
  method: 'GET',
  route: 'v1/delivery-targets/{id}',
  summary: 'One delivery target',
  tags: ['delivery-targets'],
  roles: readers,
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: DeliveryTarget },
  handler: async ({ principal, params }, deps) => {
    const { doc, etag } = await readOwned(deliveryTargetKind(deps.repos), principal, params.id);
    return reply(200, doc, { etag });
  },
});

export const updateDeliveryTargetEndpoint = defineEndpoint(
  idempotent({
    name: 'updateDeliveryTarget',
    method: 'PUT',
    route: 'v1/delivery-targets/{id}',
    summary: 'Replace a delivery target (owner or tenant admin)',
    description: secretsNote,
    tags: ['delivery-targets'],
    roles: writers,
    params: idParamsSchema,
    body: DeliveryTargetRequest,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED'],
    responses: { 200: DeliveryTarget },
    handler: async ({ principal, params, body, ifMatch }, deps) => {
      const { doc, etag } = await updateDeliveryTarget(
        targetDeps(deps),
        principal,
        params.id,
        body,
        ifMatched(ifMatch, params.id),
      );
      return reply(200, doc, { etag });
    },
  }),
);

export const deleteDeliveryTargetEndpoint = defineEndpoint(
  idempotent({
    name: 'deleteDeliveryTarget',
    method: 'DELETE',
    route: 'v1/delivery-targets/{id}',
    summary: 'Delete a delivery target (refused while schedules deliver to it)',
    tags: ['delivery-targets'],
    roles: writers,
    params: idParamsSchema,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED', 'CONFLICT'],
    responses: { 204: z.undefined() },
    handler: async ({ principal, params, ifMatch }, deps) => {
      await deleteDeliveryTarget(targetDeps(deps), principal, params.id, ifMatched(ifMatch, params.id));
      return noContent();
    },
  }),
);
