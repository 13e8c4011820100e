import { getReportVersion, listReportVersions } from '../../shared/app/reports/report-versions';
import { deleteReportVersion } from '../../shared/app/reports/delete-report-version';
import { restoreReportVersion } from '../../shared/app/reports/restore-report-version';
import { idParamsSchema, pageQuerySchema } from '../../shared/contracts/common';
import {
  ReportVersionPage,
  ReportVersionParams,
  ReportVersionResource,
  toReportVersionResource,
} from '../../shared/contracts/report-version';
import { z } from 'zod';
import { defineEndpoint } from '../http/define-endpoint';
import { noContent, reply } from '../http/endpoint-types';
import { ifMatchPrecondition } from '../http/etag';
import { idempotent } from '../http/idempotency';

const readers = ['tenant_admin', 'report_creator', 'viewer'] as const;

export const listReportVersionsEndpoint = defineEndpoint({
  name: 'listReportVersions',
  method: 'GET',
  route: 'v1/reports/{id}/versions',
  summary: "The report's versions (query, transforms and template), newest first",
  description:
    'Saving a report whose query, transforms or template changed writes the next version; versions never ' +
    'change. Pages of up to 100 (`limit`, default 20) with `cursor` / `nextCursor`.',
  tags: ['reports'],
  roles: readers,
  params: idParamsSchema,
  query: pageQuerySchema,
  errors: ['NOT_FOUND'],
  responses: { 200: ReportVersionPage },
  handler: async ({ principal, params, query }, deps) => {
    const page = await listReportVersions(deps, principal, params.id, query);
    return reply(200, { items: page.items.map(toReportVersionResource), nextCursor: page.nextCursor });
  },
});

export const getReportVersionEndpoint = defineEndpoint({
  name: 'getReportVersion',
  method: 'GET',
  route: 'v1/reports/{id}/versions/{n}',
  summary: 'One version of a report',
  description:
    'Version `n` of the report: the query, transforms and template it fixes, who saved it and when. ' +
    'Its `ETag` may be sent in `If-Match` when deleting it.',
  tags: ['reports'],
  roles: readers,
  params: ReportVersionParams,
  errors: ['NOT_FOUND'],
  responses: { 200: ReportVersionResource },
  etag: true,
  handler: async ({ principal, params }, deps) => {
    const { doc, etag } = await getReportVersion(deps, principal, params.id, params.n);
    return reply(200, toReportVersionResource(doc), { etag });
  },
});

export const deleteReportVersionEndpoint = defineEndpoint(
  idempotent({
    name: 'deleteReportVersion',
    method: 'DELETE',
    route: 'v1/reports/{id}/versions/{n}',
    summary: 'Delete a version no schedule pins (not the latest)',
    description:
      'Owner or tenant admin. 409 CONFLICT when the version is the latest (`details.reason: ' +
      '"latest_version"`: the report runs it) or when schedules pin it (`details.reason: "version_pinned"`, ' +
      '`details.schedules: [{ id, name }]` names every one: pin them elsewhere first). Runs that used the ' +
      "version keep its number. Send the version's `ETag` in `If-Match` to refuse a stale delete (412). " +
      'Audited as `report.version_deleted`.',
    tags: ['reports'],
    roles: ['tenant_admin', 'report_creator'] as const,
    params: ReportVersionParams,
    errors: ['NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED'],
    responses: { 204: z.undefined() },
    handler: async ({ principal, params, ifMatch }, deps) => {
      await deleteReportVersion(
        deps,
        principal,
        params.id,
        params.n,
        ifMatchPrecondition(ifMatch, 'Report version', `${params.id}/${params.n}`),
      );
      return noContent();
    },
  }),
);

export const restoreReportVersionEndpoint = defineEndpoint({
  name: 'restoreReportVersion',
  method: 'POST',
  route: 'v1/reports/{id}/versions/{n}/restore',
  summary: 'Restore a version: the report takes its query, transforms and template, as a new version',
  description:
    "The report's name, outputs and other settings stay. The restore is itself a new version " +
    '(`restoredFrom: n`), so history only grows. Owner or tenant admin; audited as `report.restored`.',
  tags: ['reports'],
  roles: ['tenant_admin', 'report_creator'] as const,
  params: ReportVersionParams,
  errors: ['NOT_FOUND'],
  responses: { 201: ReportVersionResource },
  handler: async ({ principal, params }, deps) =>
    reply(201, toReportVersionResource(await restoreReportVersion(deps, principal, params.id, params.n))),
});
