import { z } from 'zod';
import { readOwned } from '../../shared/app/audit/audited-documents';
import {
  calendarKind,
  createHolidayCalendar,
  deleteHolidayCalendar,
  updateHolidayCalendar,
} from '../../shared/app/holiday-calendars/save-holiday-calendar';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { decodeCursor, encodeCursor } from '../../shared/contracts/cursor';
import {
  HolidayCalendarRequest,
  HolidayCalendarResource,
  ListHolidayCalendarsQuery,
} from '../../shared/contracts/holiday-calendar-resources';
import { defineEndpoint } from '../http/define-endpoint';
import { noContent, reply } from '../http/endpoint-types';
import { assertIfMatch } from '../http/etag';
import { idempotent } from '../http/idempotency';

const readers = ['tenant_admin', 'report_creator', 'viewer'] as const;
const writers = ['tenant_admin', 'report_creator'] as const;
const storageCursor = z.strictObject({ t: z.string() });
const ifMatched = (ifMatch: string | undefined, id: string) => (etag: string) =>
  assertIfMatch(ifMatch, etag, 'Holiday calendar', id);
const example = { name: 'US federal 2026', dates: ['2026-12-25', '2026-01-01', '2026-07-03'] };

export const createHolidayCalendarEndpoint = defineEndpoint(
  idempotent({
    name: 'createHolidayCalendar',
    method: 'POST',
    route: 'v1/holiday-calendars',
    summary: 'Create a holiday calendar (dates are kept sorted, each once)',
    tags: ['holiday-calendars'],
    roles: writers,
    body: HolidayCalendarRequest,
    responses: { 201: HolidayCalendarResource },
    examples: { request: example },
    handler: async ({ principal, body }, deps) => {
      const { doc, etag } = await createHolidayCalendar(deps, principal, body);
      return reply(201, doc, { etag, location: `/api/v1/holiday-calendars/${doc.id}` });
    },
  }),
);

export const listHolidayCalendarsEndpoint = defineEndpoint({
  name: 'listHolidayCalendars',
  method: 'GET',
  route: 'v1/holiday-calendars',
  summary: 'List holiday calendars, oldest first',
  tags: ['holiday-calendars'],
  roles: readers,
  query: ListHolidayCalendarsQuery,
  responses: { 200: pageSchema(HolidayCalendarResource) },
  handler: async ({ principal, query }, deps) => {
    const cursor = query.cursor ? decodeCursor(query.cursor, storageCursor).t : null;
    const page = await deps.repos.holidayCalendars.list(principal.tenantId, { limit: query.limit, cursor });
    return { items: page.items, nextCursor: page.nextCursor ? encodeCursor({ t: page.nextCursor }) : null };
  },
});

export const getHolidayCalendarEndpoint = defineEndpoint({
  name: 'getHolidayCalendar',
  method: 'GET',
  route: 'v1/holiday-calendars/{id}',
  summary: 'One holiday calendar',
  tags: ['holiday-calendars'],
  roles: readers,
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: HolidayCalendarResource },
  handler: async ({ principal, params }, deps) => {
    const { doc, etag } = await readOwned(calendarKind(deps.repos), principal, params.id);
    return reply(200, doc, { etag });
  },
});

export const updateHolidayCalendarEndpoint = defineEndpoint(
  idempotent({
    name: 'updateHolidayCalendar',
    method: 'PUT',
    route: 'v1/holiday-calendars/{id}',
    summary: 'Replace a holiday calendar (owner or tenant admin)',
    tags: ['holiday-calendars'],
    roles: writers,
    params: idParamsSchema,
    body: HolidayCalendarRequest,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED'],
    responses: { 200: HolidayCalendarResource },
    handler: async ({ principal, params, body, ifMatch }, deps) => {
      const { doc, etag } = await updateHolidayCalendar(
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

export const deleteHolidayCalendarEndpoint = defineEndpoint(
  idempotent({
    name: 'deleteHolidayCalendar',
    method: 'DELETE',
    route: 'v1/holiday-calendars/{id}',
    summary: 'Delete a holiday calendar (refused while schedules use it)',
    tags: ['holiday-calendars'],
    roles: writers,
    params: idParamsSchema,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED', 'CONFLICT'],
    responses: { 204: z.undefined() },
    handler: async ({ principal, params, ifMatch }, deps) => {
      await deleteHolidayCalendar(deps, principal, params.id, ifMatched(ifMatch, params.id));
      return noContent();
    },
  }),
);
