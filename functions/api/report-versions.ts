import { getReportVersion, listReportVersions } from '../../shared/app/reports/report-versions';
import { restoreReportVersion } from '../../shared/app/reports/restore-report-version';
import { idParamsSchema, pageQuerySchema } from '../../shared/contracts/common';
import {
  ReportVersionPage,
  ReportVersionParams,
  ReportVersionResource,
  toReportVersionResource,
} from '../../shared/contracts/report-version';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';

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
    'Version `n` of the report: the query, transforms and template it fixes, who saved it and when.',
  tags: ['reports'],
  roles: readers,
  params: ReportVersionParams,
  errors: ['NOT_FOUND'],
  responses: { 200: ReportVersionResource },
  handler: async ({ principal, params }, deps) =>
    reply(200, toReportVersionResource((await getReportVersion(deps, principal, params.id, params.n)).doc)),
});

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
