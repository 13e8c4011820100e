import { app } from '@azure/functions';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { auditExportContentType } from '../../shared/app/audit/audit-export-format';
import { exportAuditEvents } from '../../shared/app/audit/export-audit-events';
import { listAuditEvents } from '../../shared/app/audit/list-audit-events';
import {
  AuditEventResource,
  ExportAuditEventsQuery,
  ListAuditEventsQuery,
} from '../../shared/contracts/audit-resources';
import { pageSchema } from '../../shared/contracts/common';
import { readStoragePosition, toStoragePage } from '../../shared/contracts/cursor';
import { AppError } from '../../shared/domain/errors';
import { defineEndpoint, withDeps } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';
import { pickRequestId } from '../http/request-id';
import { failureResponse } from '../http/run-endpoint';

export const listAuditEventsEndpoint = defineEndpoint({
  name: 'listAuditEvents',
  method: 'GET',
  route: 'v1/audit-events',
  summary: 'Export the audit trail, oldest first (tenant admins; the export is itself audited)',
  description:
    '`startDate` / `endDate` take a day (`2026-01-31`, the whole day) or an instant with offset; both ' +
    'inclusive. `entityType`: report, schedule, holiday_calendar, delivery_target, event_trigger, run, audit. ' +
    'Lists the last AUDIT_RETENTION_DAYS (default 365) days; older events are archived and read with ' +
    '`GET /v1/audit-events/export`.',
  tags: ['audit'],
  roles: ['tenant_admin'],
  query: ListAuditEventsQuery,
  responses: { 200: pageSchema(AuditEventResource) },
  handler: async ({ principal, query }, deps) => {
    const page = await listAuditEvents({ audit: deps.repos.audit, clock: deps.clock }, principal, {
      ...(query.startDate ? { startDate: query.startDate } : {}),
      ...(query.endDate ? { endDate: query.endDate } : {}),
      ...(query.entityType ? { entityType: query.entityType } : {}),
      cursor: readStoragePosition(query.cursor),
      limit: query.limit,
    });
    return toStoragePage(page);
  },
});

export const exportAuditEventsEndpoint = defineEndpoint({
  name: 'exportAuditEvents',
  method: 'GET',
  route: 'v1/audit-events/export',
  summary: 'Stream the audit trail of a range as CSV or NDJSON (tenant admins; the export is itself audited)',
  description:
    'Every event from `startDate` to `endDate` (a day or an instant with offset, both inclusive; both ' +
    'optional), oldest first, archived days included. `format`: `ndjson` (default, one event per line) or ' +
    '`csv` (columns id, timestamp, actorId, action, entityType, entityId, diff as JSON; a cell that would ' +
    "start a spreadsheet formula is prefixed with `'`). The body is streamed: no page limit.",
  tags: ['audit'],
  roles: ['tenant_admin'],
  query: ExportAuditEventsQuery,
  contentType: auditExportContentType.ndjson,
  responses: {
    200: z.custom<Readable>((v) => v instanceof Readable).meta({ type: 'string', format: 'binary' }),
  },
  handler: async ({ principal, query }, deps) => {
    const lines = await exportAuditEvents(
      { audit: deps.repos.audit, archive: deps.auditArchive.archive, clock: deps.clock },
      principal,
      {
        ...(query.startDate ? { startDate: query.startDate } : {}),
        ...(query.endDate ? { endDate: query.endDate } : {}),
        format: query.format,
      },
    );
    const stamp = deps.clock().toISOString().slice(0, 10);
    return reply(200, Readable.from(lines), {
      headers: {
        'Content-Type': auditExportContentType[query.format],
        'Content-Disposition': `attachment; filename="audit-${stamp}.${query.format}"`,
        'Cache-Control': 'no-store',
      },
    });
  },
});

/** The trail is append-only: every other verb on it is a 405 naming the one that exists. */
for (const [name, route] of [
  ['auditEventsReadOnly', 'v1/audit-events'],
  ['auditEventReadOnly', 'v1/audit-events/{id}'],
] as const) {
  app.http(name, {
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
    route,
    authLevel: 'anonymous',
    handler: withDeps((deps, request) => {
      const requestId = pickRequestId(request.headers.get('x-request-id'));
      const error = new AppError(
        'METHOD_NOT_ALLOWED',
        'The audit trail is append-only: only GET is allowed',
        {
          method: request.method,
          allow: ['GET'],
        },
      );
      return Promise.resolve(
        failureResponse(error, {
          requestId,
          headers: { 'X-Request-Id': requestId, Allow: 'GET' },
          log: deps.logger,
          deps,
          endpoint: name,
        }),
      );
    }),
  });
}
