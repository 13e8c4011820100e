import { z } from 'zod';
import { ensureTenant } from '../../shared/app/tenants/ensure-tenant';
import { getTenantUsage } from '../../shared/app/tenants/get-tenant-usage';
import { toTenantResource } from '../../shared/app/tenants/to-tenant-resource';
import { updateTenantSettings } from '../../shared/app/tenants/update-tenant-settings';
import { TenantPatch, TenantResource, TenantUsage } from '../../shared/contracts/tenant-resources';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';
import { ifMatchPrecondition } from '../http/etag';
import { idempotent } from '../http/idempotency';

/** `/v1/tenant`: the caller's own tenant — its settings (tenant admins) and its usage of each quota. */
const admins = ['tenant_admin'] as const;

export const getTenant = defineEndpoint({
  name: 'getTenant',
  method: 'GET',
  route: 'v1/tenant',
  summary: "The caller's tenant: settings, tier, status and the limits the tier gives",
  description:
    'Created with the default tier on first use. The `ETag` is the version to send in `If-Match` with a PATCH.',
  tags: ['tenant'],
  roles: admins,
  query: z.strictObject({}),
  etag: true,
  responses: { 200: TenantResource },
  handler: async ({ principal }, deps) => {
    const tenant = await ensureTenant(deps.tenants, principal.tenantId);
    return reply(200, toTenantResource(tenant.doc), { etag: tenant.etag });
  },
});

export const patchTenant = defineEndpoint(
  idempotent({
    name: 'patchTenant',
    method: 'PATCH',
    route: 'v1/tenant',
    summary: "Change the tenant's settings (tenant admins; tier and status are the operator's)",
    description:
      'Display name, default time zone, alert emails, attachment size limit and retention days; the last two ' +
      "within the tier's bounds (400 with the field). `If-Match` refuses a lost update (412). Audited.",
    tags: ['tenant'],
    roles: admins,
    body: TenantPatch,
    etag: true,
    errors: ['PRECONDITION_FAILED'],
    responses: { 200: TenantResource },
    examples: { request: { displayName: 'Contoso Ltd', alertEmails: ['ops@contoso.example'] } },
    handler: async ({ principal, body, ifMatch }, deps) => {
      const precondition = ifMatchPrecondition(ifMatch, 'Tenant', principal.tenantId);
      const tenant = await updateTenantSettings(deps.tenants, principal, body, precondition);
      return reply(200, toTenantResource(tenant.doc), { etag: tenant.etag });
    },
  }),
);

export const getTenantUsageEndpoint = defineEndpoint({
  name: 'getTenantUsage',
  method: 'GET',
  route: 'v1/tenant/usage',
  summary: 'How much of each quota the tenant has used, its limit and when it resets',
  description:
    '`limit` null means unlimited; `resetsAt` null means a standing count (schedules), not a periodic one. ' +
    'Executions per day reset at midnight UTC.',
  tags: ['tenant'],
  query: z.strictObject({}),
  responses: { 200: TenantUsage },
  handler: ({ principal }, deps) => getTenantUsage(deps.tenants, principal.tenantId),
});
