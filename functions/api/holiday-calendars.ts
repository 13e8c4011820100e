import { readOwned } from '../../shared/app/audit/audited-documents';
import {
  calendarKind,
  createHolidayCalendar,
  deleteHolidayCalendar,
  updateHolidayCalendar,
} from '../../shared/app/holiday-calendars/save-holiday-calendar';
import {
  HolidayCalendarRequest,
  HolidayCalendarResource,
  ListHolidayCalendarsQuery,
} from '../../shared/contracts/holiday-calendar-resources';
import { defineCrudEndpoints } from '../http/crud-endpoints';

/** `/v1/holiday-calendars`: tenant-owned dates that calendar schedules skip. */
export const holidayCalendarEndpoints = defineCrudEndpoints({
  name: 'HolidayCalendar',
  plural: 'HolidayCalendars',
  path: 'holiday-calendars',
  label: 'Holiday calendar',
  tag: 'holiday-calendars',
  request: HolidayCalendarRequest,
  resource: HolidayCalendarResource,
  listQuery: ListHolidayCalendarsQuery,
  example: { name: 'US federal 2026', dates: ['2026-12-25', '2026-01-01', '2026-07-03'] },
  summaries: {
    create: 'Create a holiday calendar (dates are kept sorted, each once)',
    list: 'List holiday calendars, oldest first',
    get: 'One holiday calendar',
    update: 'Replace a holiday calendar (owner or tenant admin)',
    delete: 'Delete a holiday calendar (refused while schedules use it)',
  },
  descriptions: {
    create: 'Dates (`YYYY-MM-DD`) schedules skip or move around, depending on their holiday policy.',
    update:
      'Replaces the name and dates; schedules using the calendar compute their next fires with it. `If-Match` refuses a lost update (412).',
    list: 'Pages of up to 100 (`limit`, default 20) with `cursor` / `nextCursor`, oldest first.',
    get: 'The holiday calendar with its `ETag`: the version to send in `If-Match` when replacing or deleting it.',
    delete:
      'Deletes the holiday calendar; 409 CONFLICT while a schedule uses it. Send the `ETag` in `If-Match` to refuse deleting a version you have not seen (412).',
  },
  errors: { delete: ['CONFLICT'] },
  readers: ['tenant_admin', 'report_creator', 'viewer'],
  writers: ['tenant_admin', 'report_creator'],
  create: (deps, principal, body) => createHolidayCalendar(deps, principal, body),
  list: (deps, principal, query, cursor) =>
    deps.repos.holidayCalendars.list(principal.tenantId, { limit: query.limit, cursor }),
  read: (deps, principal, id) => readOwned(calendarKind(deps.repos), principal, id),
  update: (deps, principal, id, body, ifMatched) =>
    updateHolidayCalendar(deps, principal, id, body, ifMatched),
  remove: (deps, principal, id, ifMatched) => deleteHolidayCalendar(deps, principal, id, ifMatched),
});
