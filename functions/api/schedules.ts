import { createSchedule } from '../../shared/app/schedules/create-schedule';
import { listSchedules } from '../../shared/app/schedules/list-schedules';
import { loadSchedule } from '../../shared/app/schedules/load-schedule';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { readStoragePosition, toStoragePage } from '../../shared/contracts/cursor';
import {
  ListSchedulesQuery,
  ScheduleInput,
  ScheduleResource,
} from '../../shared/contracts/schedule-resource';
import { defineEndpoint } from '../http/define-endpoint';
import { idempotent } from '../http/idempotency';
import { scheduleReply, specExampleBody, tierOf } from './schedules-http';

const writers = ['tenant_admin', 'report_creator'] as const;

export const createScheduleEndpoint = defineEndpoint(
  idempotent({
    name: 'createSchedule',
    method: 'POST',
    route: 'v1/schedules',
    summary: 'Create a schedule for a report (cron, interval, calendar or once)',
    description:
      'Without `kind`, `cronExpr` makes a cron schedule. The first fire is computed from now. With `burst`, each recipient gets only their rows (by email only; 422 BURST_INVALID when the burst cannot work with the report or targets).',
    tags: ['schedules'],
    roles: writers,
    body: ScheduleInput,
    errors: ['QUOTA_EXCEEDED', 'BURST_INVALID'],
    etag: true,
    responses: { 201: ScheduleResource },
    examples: { request: specExampleBody },
    handler: async ({ principal, body }, deps) =>
      scheduleReply(
        201,
        await createSchedule(deps.schedules, principal, await tierOf(deps, principal), body),
      ),
  }),
);

export const listSchedulesEndpoint = defineEndpoint({
  name: 'listSchedules',
  method: 'GET',
  route: 'v1/schedules',
  summary: "List the tenant's schedules, or one report's",
  description: 'Pages of schedules, optionally of one `reportId`, with `cursor` / `nextCursor`.',
  tags: ['schedules'],
  query: ListSchedulesQuery,
  responses: { 200: pageSchema(ScheduleResource) },
  handler: async ({ principal, query }, deps) => {
    const page = await listSchedules(deps.repos, principal, {
      ...(query.reportId ? { reportId: query.reportId } : {}),
      limit: query.limit,
      cursor: readStoragePosition(query.cursor),
    });
    return toStoragePage(page);
  },
});

export const getScheduleEndpoint = defineEndpoint({
  name: 'getSchedule',
  method: 'GET',
  route: 'v1/schedules/{id}',
  summary: 'One schedule, with its ETag',
  description:
    'The schedule with its next fire; its `ETag` is the version to send in `If-Match` when replacing, pausing or deleting it.',
  tags: ['schedules'],
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  etag: true,
  responses: { 200: ScheduleResource },
  handler: async ({ principal, params }, deps) =>
    scheduleReply(200, await loadSchedule(deps.repos, principal, params.id, 'read')),
});
