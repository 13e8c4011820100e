import {
  getDelivery,
  listDeliveries,
  listDeliveryReceipts,
} from '../../shared/app/deliveries/list-deliveries';
import { redriveDelivery } from '../../shared/app/deliveries/redrive-delivery';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { readStoragePosition, toStoragePage } from '../../shared/contracts/cursor';
import {
  DeliveryReceipt,
  DeliveryResource,
  ListDeliveriesQuery,
  ListDeliveryReceiptsQuery,
  RedriveResult,
} from '../../shared/contracts/delivery';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';
import { idempotent } from '../http/idempotency';

const readers = ['tenant_admin', 'report_creator', 'viewer'] as const;
const writers = ['tenant_admin', 'report_creator'] as const;

export const listDeliveriesEndpoint = defineEndpoint({
  name: 'listDeliveries',
  method: 'GET',
  route: 'v1/deliveries',
  summary: 'The delivery ledger, newest first; status=dead lists the dead letters',
  description:
    'Filter by `runId` or `status`; `status=dead` lists the dead letters an operator may redrive. Pages with `cursor` / `nextCursor`.',
  tags: ['deliveries'],
  roles: readers,
  query: ListDeliveriesQuery,
  responses: { 200: pageSchema(DeliveryResource) },
  handler: async ({ principal, query }, deps) => {
    const page = await listDeliveries(deps.deliveries.ledger, principal.tenantId, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.runId ? { runId: query.runId } : {}),
      limit: query.limit,
      cursor: readStoragePosition(query.cursor),
    });
    return toStoragePage(page);
  },
});

export const getDeliveryEndpoint = defineEndpoint({
  name: 'getDelivery',
  method: 'GET',
  route: 'v1/deliveries/{id}',
  summary: 'One delivery: channel, recipient, status, attempts, timings, last error',
  description:
    'Channel, recipient (emails shown as stored), status, attempts with timings and the last error.',
  tags: ['deliveries'],
  roles: readers,
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: DeliveryResource },
  handler: ({ principal, params }, deps) =>
    getDelivery(deps.deliveries.ledger, principal.tenantId, params.id),
});

export const redriveDeliveryEndpoint = defineEndpoint(
  idempotent({
    name: 'redriveDelivery',
    method: 'POST',
    route: 'v1/deliveries/{id}/redrive',
    summary: 'Send a dead or failed delivery again, to that recipient only, from the stored artifact',
    description:
      'Nothing is re-rendered. The message keeps its id (Message-ID, webhook event id), so a receiver ' +
      'that already has it can recognise the copy. 409 unless the delivery is dead or failed.',
    tags: ['deliveries'],
    roles: writers,
    params: idParamsSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
    location: true,
    responses: { 202: RedriveResult },
    handler: async ({ principal, params }, deps) => {
      const result = await redriveDelivery(
        { repos: deps.repos, ledger: deps.deliveries.ledger, bus: deps.bus, clock: deps.clock },
        principal,
        params.id,
      );
      return reply(202, result, { location: `/api/v1/deliveries/${result.deliveryId}` });
    },
  }),
);

export const listDeliveryReceiptsEndpoint = defineEndpoint({
  name: 'listDeliveryReceipts',
  method: 'GET',
  route: 'v1/delivery-receipts',
  summary: 'Delivery receipts of an artifact or a run, newest first',
  description:
    'Receipts (channel, recipient, status, provider message id) for one `artifactId` or one `runId`; one of the two is required.',
  tags: ['deliveries'],
  roles: readers,
  query: ListDeliveryReceiptsQuery,
  errors: ['NOT_FOUND'],
  responses: { 200: pageSchema(DeliveryReceipt) },
  handler: async ({ principal, query }, deps) => {
    const page = await listDeliveryReceipts(
      { repos: deps.repos, ledger: deps.deliveries.ledger },
      principal.tenantId,
      {
        ...(query.artifactId ? { artifactId: query.artifactId } : {}),
        ...(query.runId ? { runId: query.runId } : {}),
        limit: query.limit,
        cursor: readStoragePosition(query.cursor),
      },
    );
    return toStoragePage(page);
  },
});
