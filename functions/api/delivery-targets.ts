import { checkOutboundUrl } from '../../shared/adapters/http/outbound-policy';
import { readOwned } from '../../shared/app/audit/audited-documents';
import {
  createDeliveryTarget,
  deleteDeliveryTarget,
  deliveryTargetKind,
  updateDeliveryTarget,
} from '../../shared/app/delivery-targets/save-delivery-target';
import {
  DeliveryTarget,
  DeliveryTargetRequest,
  ListDeliveryTargetsQuery,
} from '../../shared/contracts/delivery-target';
import type { Deps } from '../composition-root';
import { defineCrudEndpoints } from '../http/crud-endpoints';

const targetDeps = (deps: Deps) => ({
  repos: deps.repos,
  clock: deps.clock,
  checkUrl: (url: string | URL) => checkOutboundUrl(url, deps.config.OUTBOUND_ALLOWLIST),
});
const secretsNote =
  "Secrets are references to the tenant's own secrets (`secret:NAME`, set with PUT /v1/secrets/{name}), " +
  'never values; a value that looks like a raw ' +
  'secret or URL where a reference belongs is refused. Webhooks need https to a public host unless ' +
  'its host:port is in OUTBOUND_ALLOWLIST.';

/** `/v1/delivery-targets`: where runs are delivered (email, webhook, Slack, signed link). */
export const deliveryTargetEndpoints = defineCrudEndpoints({
  name: 'DeliveryTarget',
  plural: 'DeliveryTargets',
  path: 'delivery-targets',
  label: 'Delivery target',
  tag: 'delivery-targets',
  request: DeliveryTargetRequest,
  resource: DeliveryTarget,
  listQuery: ListDeliveryTargetsQuery,
  example: {
    type: 'webhook',
    name: 'Finance intake',
    config: { url: 'https://hooks.example.com/reports', secretRef: 'secret:finance-webhook-key' },
  },
  summaries: {
    create: 'Configure a delivery channel: email, webhook, Slack or signed link',
    list: 'List delivery targets (optionally of one type)',
    get: 'One delivery target',
    update: 'Replace a delivery target (owner or tenant admin)',
    delete: 'Delete a delivery target (refused while schedules deliver to it)',
  },
  descriptions: {
    create: secretsNote,
    update: secretsNote,
    list: 'Pages of up to 100 (`limit`, default 20) with `cursor` / `nextCursor`, oldest first.',
    get: 'The delivery target with its `ETag`: the version to send in `If-Match` when replacing or deleting it.',
    delete:
      'Deletes the delivery target; 409 CONFLICT while a schedule delivers to it. Send the `ETag` in `If-Match` to refuse deleting a version you have not seen (412).',
  },
  errors: { delete: ['CONFLICT'] },
  readers: ['tenant_admin', 'report_creator', 'viewer'],
  writers: ['tenant_admin', 'report_creator'],
  create: (deps, principal, body) => createDeliveryTarget(targetDeps(deps), principal, body),
  list: (deps, principal, query, cursor) =>
    deps.repos.deliveryTargets.list(principal.tenantId, {
      limit: query.limit,
      cursor,
      ...(query.type ? { index: 'byType', prefix: `${query.type}|` } : {}),
    }),
  read: (deps, principal, id) => readOwned(deliveryTargetKind(deps.repos), principal, id),
  update: (deps, principal, id, body, ifMatched) =>
    updateDeliveryTarget(targetDeps(deps), principal, id, body, ifMatched),
  remove: (deps, principal, id, ifMatched) =>
    deleteDeliveryTarget(targetDeps(deps), principal, id, ifMatched),
});
