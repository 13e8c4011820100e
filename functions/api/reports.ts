import { z } from 'zod';
import { readOwned } from '../../shared/app/audit/audited-documents';
import { deleteReport } from '../../shared/app/reports/delete-report';
import { reportKind } from '../../shared/app/reports/report-kind';
import { createReport, updateReport } from '../../shared/app/reports/save-report';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { decodeCursor, encodeCursor } from '../../shared/contracts/cursor';
import {
  exampleReportRequest,
  ListReportsQuery,
  ReportRequest,
  ReportResource,
} from '../../shared/contracts/report-resources';
import { defineEndpoint } from '../http/define-endpoint';
import { noContent, reply } from '../http/endpoint-types';
import { assertIfMatch } from '../http/etag';
import { idempotent } from '../http/idempotency';

const readers = ['tenant_admin', 'report_creator', 'viewer'] as const;
const writers = ['tenant_admin', 'report_creator'] as const;
const storageCursor = z.strictObject({ t: z.string() });
const ifMatched = (ifMatch: string | undefined, id: string) => (etag: string) =>
  assertIfMatch(ifMatch, etag, 'Report', id);
const location = (id: string) => `/api/v1/reports/${id}`;

export const createReportEndpoint = defineEndpoint(
  idempotent({
    name: 'createReport',
    method: 'POST',
    route: 'v1/reports',
    summary: 'Create a report definition',
    description:
      'SQL placeholders must match the declared parameters (DuckDB `$name`, PostgreSQL `$1..$n`, SQL Server ' +
      '`@name`); the template must parse as Liquid (errors give line and column).',
    tags: ['reports'],
    roles: writers,
    body: ReportRequest,
    responses: { 201: ReportResource },
    examples: { request: exampleReportRequest },
    handler: async ({ principal, body }, deps) => {
      const { doc, etag } = await createReport(deps, principal, body);
      return reply(201, doc, { etag, location: location(doc.id) });
    },
  }),
);

export const listReportsEndpoint = defineEndpoint({
  name: 'listReports',
  method: 'GET',
  route: 'v1/reports',
  summary: 'List report definitions, oldest first',
  tags: ['reports'],
  roles: readers,
  query: ListReportsQuery,
  responses: { 200: pageSchema(ReportResource) },
  handler: async ({ principal, query }, deps) => {
    const cursor = query.cursor ? decodeCursor(query.cursor, storageCursor).t : null;
    const page = await deps.repos.reports.list(principal.tenantId, { limit: query.limit, cursor });
    return { items: page.items, nextCursor: page.nextCursor ? encodeCursor({ t: page.nextCursor }) : null };
  },
});

export const getReportEndpoint = defineEndpoint({
  name: 'getReport',
  method: 'GET',
  route: 'v1/reports/{id}',
  summary: 'One report definition (its ETag is the version to send in If-Match)',
  tags: ['reports'],
  roles: readers,
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: ReportResource },
  handler: async ({ principal, params }, deps) => {
    const { doc, etag } = await readOwned(reportKind(deps.repos), principal, params.id);
    return reply(200, doc, { etag });
  },
});

export const updateReportEndpoint = defineEndpoint(
  idempotent({
    name: 'updateReport',
    method: 'PUT',
    route: 'v1/reports/{id}',
    summary: 'Replace a report definition (owner or tenant admin; If-Match guards against lost updates)',
    tags: ['reports'],
    roles: writers,
    params: idParamsSchema,
    body: ReportRequest,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED'],
    responses: { 200: ReportResource },
    examples: { request: exampleReportRequest },
    handler: async ({ principal, params, body, ifMatch }, deps) => {
      const { doc, etag } = await updateReport(
        deps,
        principal,
        params.id,
        body,
        ifMatched(ifMatch, params.id),
      );
      return reply(200, doc, { etag });
    },
  }),
);

export const deleteReportEndpoint = defineEndpoint(
  idempotent({
    name: 'deleteReport',
    method: 'DELETE',
    route: 'v1/reports/{id}',
    summary: 'Delete a report definition (refused while schedules or event triggers use it)',
    tags: ['reports'],
    roles: writers,
    params: idParamsSchema,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED', 'CONFLICT'],
    responses: { 204: z.undefined() },
    handler: async ({ principal, params, ifMatch }, deps) => {
      await deleteReport(deps, principal, params.id, ifMatched(ifMatch, params.id));
      return noContent();
    },
  }),
);
