// Test support: small endpoints that exercise every step of the pipeline.
import { z } from 'zod';
import { type AppError } from '../../../shared/domain/errors';
import { pageQuerySchema, pageSchema } from '../../../shared/contracts/common';
import { decodeCursor, toPage } from '../../../shared/contracts/cursor';
import { endpointsFor } from '../define-endpoint';
import { reply } from '../endpoint-types';
import { assertIfMatch } from '../etag';
import type { HttpDeps } from '../../../shared/composition/http-deps';

const endpoint = endpointsFor<HttpDeps>();

export const scheduleSchema = z.strictObject({
  reportId: z.string().min(1),
  cronExpr: z.string().min(1),
  emailDelivery: z.strictObject({ enabled: z.boolean(), recipients: z.array(z.email()).max(50) }).optional(),
});

export const createSchedule = endpoint({
  name: 'createSchedule',
  method: 'POST',
  route: 'v1/schedules',
  roles: ['tenant_admin', 'report_creator'],
  body: scheduleSchema,
  responses: { 201: scheduleSchema.extend({ id: z.string(), tenantId: z.string() }) },
  summary: 'Create a schedule',
  description: 'Create a schedule (a test endpoint)',
  tags: ['schedules'],
  handler: ({ body, principal }) =>
    Promise.resolve(
      reply(
        201,
        { ...body, id: 's1', tenantId: principal.tenantId },
        { location: '/api/v1/schedules/s1', etag: 'v1' },
      ),
    ),
});

export const reportItems = Array.from({ length: 45 }, (_, i) => ({ id: `r${i}` }));
const cursorPosition = z.strictObject({ offset: z.number().int().min(0) });

export const listReports = endpoint({
  name: 'listReports',
  method: 'GET',
  route: 'v1/reports',
  query: pageQuerySchema,
  responses: { 200: pageSchema(z.strictObject({ id: z.string() })) },
  summary: 'List reports',
  description: 'List reports (a test endpoint)',
  tags: ['reports'],
  handler: ({ query }) => {
    const offset = query.cursor ? decodeCursor(query.cursor, cursorPosition).offset : 0;
    const next = offset + query.limit < reportItems.length ? { offset: offset + query.limit } : null;
    return Promise.resolve(toPage(reportItems.slice(offset, offset + query.limit), next));
  },
});

export const getReport = endpoint({
  name: 'getReport',
  method: 'GET',
  route: 'v1/reports/{id}',
  params: z.strictObject({ id: z.string().regex(/^r\d+$/) }),
  responses: { 200: z.strictObject({ id: z.string() }) },
  summary: 'Get a report',
  description: 'Get a report (a test endpoint)',
  tags: ['reports'],
  handler: ({ params, ifMatch }) => {
    assertIfMatch(ifMatch, 'v7', 'Report', params.id);
    return Promise.resolve(reply(200, { id: params.id }, { etag: 'v7' }));
  },
});

/** A public endpoint whose handler throws `thrown` — or answers `answer` when given. */
export const brokenEndpoint = (thrown: Error | AppError, answer?: unknown) =>
  endpoint({
    name: 'broken',
    method: 'GET',
    route: 'v1/broken',
    roles: 'public',
    responses: { 200: z.strictObject({ ok: z.boolean() }) },
    summary: 'Fails',
    description: 'Fails (a test endpoint)',
    tags: ['test'],
    handler: () => (answer === undefined ? Promise.reject(thrown) : Promise.resolve(answer as never)),
  });
