import { z } from 'zod';
import { getTenantExport, listTenantExports } from '../../shared/app/tenants/export/get-tenant-export';
import { startTenantExport } from '../../shared/app/tenants/export/start-tenant-export';
import { idParamsSchema, pageQuerySchema, pageSchema } from '../../shared/contracts/common';
import { readStoragePosition, toStoragePage } from '../../shared/contracts/cursor';
import { TenantExportResource } from '../../shared/contracts/tenant-export';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';
import { idempotent } from '../http/idempotency';

/** `/v1/tenant/export(s)`: a zip of everything the tenant has, written in the background (docs/tenancy.md). */
const admins = ['tenant_admin'] as const;
const exportUrl = (base: string, id: string) => `${base.replace(/\/$/, '')}/api/v1/tenant/exports/${id}`;

export const startTenantExportEndpoint = defineEndpoint(
  idempotent({
    name: 'startTenantExport',
    method: 'POST',
    route: 'v1/tenant/export',
    summary: "Export all of the caller's tenant as a zip (tenant admins); 202 with the running export",
    description:
      'Definitions, schedules, delivery targets / data sources / triggers / subscriptions without secrets ' +
      '(`secret:NAME` references only), runs, deliveries with receipts, the audit trail (archived days ' +
      'included) and an artifacts manifest with a signed URL per file (7 days). One export runs at a time ' +
      '(409 `EXPORT_IN_PROGRESS`). Poll `Location` until `status` is `succeeded` (then `downloadUrl`, valid ' +
      'until `expiresAt`, 24 h) or `failed` (`failureReason`). Audited.',
    tags: ['tenant'],
    roles: admins,
    body: z.strictObject({}).optional(),
    errors: ['EXPORT_IN_PROGRESS'],
    location: true,
    retryAfter: true,
    responses: { 202: TenantExportResource },
    handler: async ({ principal }, deps) => {
      const started = await startTenantExport(deps.tenantExport, principal);
      return reply(
        202,
        { id: started.id, status: started.status, createdAt: started.createdAt },
        {
          location: exportUrl(deps.config.PUBLIC_BASE_URL, started.id),
          headers: { 'Retry-After': '5' },
        },
      );
    },
  }),
);

export const getTenantExportEndpoint = defineEndpoint({
  name: 'getTenantExport',
  method: 'GET',
  route: 'v1/tenant/exports/{id}',
  summary: 'One export of the tenant: its status and, once succeeded, a signed download link',
  description:
    'An export whose worker did not finish within 30 minutes is reported `failed` (`EXPORT_TIMED_OUT`). ' +
    'The link and the zip expire 24 h after the export finished.',
  tags: ['tenant'],
  roles: admins,
  params: idParamsSchema,
  query: z.strictObject({}),
  errors: ['NOT_FOUND'],
  responses: { 200: TenantExportResource },
  handler: async ({ principal, params }, deps) => getTenantExport(deps.tenantExport, principal, params.id),
});

export const listTenantExportsEndpoint = defineEndpoint({
  name: 'listTenantExports',
  method: 'GET',
  route: 'v1/tenant/exports',
  summary: "The tenant's exports, newest first",
  description: 'Each as `GET /v1/tenant/exports/{id}` shows it, with its link while the zip is kept.',
  tags: ['tenant'],
  roles: admins,
  query: pageQuerySchema,
  responses: { 200: pageSchema(TenantExportResource) },
  handler: async ({ principal, query }, deps) =>
    toStoragePage(
      await listTenantExports(deps.tenantExport, principal, {
        limit: query.limit,
        cursor: readStoragePosition(query.cursor),
      }),
    ),
});
