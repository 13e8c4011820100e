import { z } from 'zod';
import { ensureTenant } from '../../shared/app/tenants/ensure-tenant';
import { setTenantPlan } from '../../shared/app/tenants/set-tenant-plan';
import { toAdminTenantResource } from '../../shared/app/tenants/to-tenant-resource';
import { pageQuerySchema, pageSchema } from '../../shared/contracts/common';
import { TenantId } from '../../shared/contracts/primitives';
import { AdminTenantResource, AdminTenantUpdate } from '../../shared/contracts/tenant-resources';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';
import { ifMatchPrecondition } from '../http/etag';
import { idempotent } from '../http/idempotency';

/** `/v1/admin/tenants`: the platform operator's view of every tenant (the `platform_admin` role only). */
const params = z.strictObject({ id: TenantId });
const operatorOnly =
  'For the platform operator (`platform_admin`, an app role no tenant role implies); tenant roles get 403.';

export const listAdminTenants = defineEndpoint({
  name: 'listAdminTenants',
  method: 'GET',
  route: 'v1/admin/tenants',
  summary: 'List every tenant with its tier and status (platform operator)',
  description: `${operatorOnly} Pages of up to 100 in tenant id order, with \`cursor\` / \`nextCursor\`.`,
  tags: ['admin'],
  roles: 'platform',
  query: pageQuerySchema,
  responses: { 200: pageSchema(AdminTenantResource) },
  handler: async ({ query }, deps) => {
    const page = await deps.tenants.directory.list({ limit: query.limit, cursor: query.cursor ?? null });
    return { items: page.items.map(toAdminTenantResource), nextCursor: page.nextCursor };
  },
});

export const getAdminTenant = defineEndpoint({
  name: 'getAdminTenant',
  method: 'GET',
  route: 'v1/admin/tenants/{id}',
  summary: "One tenant's plan: tier, status, overrides and resulting limits (platform operator)",
  description: `${operatorOnly} A tenant without a record yet gets one with the default tier.`,
  tags: ['admin'],
  roles: 'platform',
  params,
  etag: true,
  responses: { 200: AdminTenantResource },
  handler: async ({ params }, deps) => {
    const tenant = await ensureTenant(deps.tenants, params.id);
    return reply(200, toAdminTenantResource(tenant.doc), { etag: tenant.etag });
  },
});

export const putAdminTenant = defineEndpoint(
  idempotent({
    name: 'putAdminTenant',
    method: 'PUT',
    route: 'v1/admin/tenants/{id}',
    summary: "Set a tenant's tier, status and overrides (platform operator)",
    description:
      `${operatorOnly} A suspended tenant's API answers 403 TENANT_SUSPENDED and its scheduled fires are ` +
      'recorded as skipped; nothing is deleted. Overrides apply to an Enterprise tenant only. Audited in the ' +
      "tenant's log. `If-Match` refuses a lost update (412).",
    tags: ['admin'],
    roles: 'platform' as const,
    params,
    body: AdminTenantUpdate,
    etag: true,
    errors: ['PRECONDITION_FAILED'],
    responses: { 200: AdminTenantResource },
    examples: {
      request: { tier: 'enterprise', status: 'active', overrides: { maxConcurrentExecutions: 100 } },
    },
    handler: async ({ principal, params, body, ifMatch }, deps) => {
      const precondition = ifMatchPrecondition(ifMatch, 'Tenant', params.id);
      const tenant = await setTenantPlan(deps.tenants, principal, params.id, body, precondition);
      return reply(200, toAdminTenantResource(tenant.doc), { etag: tenant.etag });
    },
  }),
);
