import { randomBytes } from 'node:crypto';
import type { HolidayCalendar } from '../../contracts/holiday-calendar';
import type { HolidayCalendarRequest } from '../../contracts/holiday-calendar-resources';
import { conflict } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Repositories, Versioned } from '../../ports/repositories';
import type { Principal } from '../auth/principal';
import {
  createAudited,
  deleteAudited,
  updateAudited,
  type AuditedKind,
  type Precondition,
} from '../audit/audited-documents';
import { schedulesUsing } from '../reports/schedules-using';

export interface CalendarDeps {
  repos: Repositories;
  clock: () => Date;
}

export const calendarKind = (repos: Repositories): AuditedKind<HolidayCalendar> => ({
  entityType: 'holiday_calendar',
  entityName: 'Holiday calendar',
  table: repos.holidayCalendars,
});

const audited = (deps: CalendarDeps) => ({ audit: deps.repos.audit, clock: deps.clock });

/** Each date once, in order. */
export const normalizeDates = (dates: readonly string[]) => [...new Set(dates)].sort();

export async function createHolidayCalendar(
  deps: CalendarDeps,
  principal: Principal,
  input: HolidayCalendarRequest,
): Promise<Versioned<HolidayCalendar>> {
  const now = deps.clock().toISOString();
  return createAudited(audited(deps), principal, calendarKind(deps.repos), {
    id: newId(deps.clock(), randomBytes),
    tenantId: principal.tenantId,
    name: input.name,
    dates: normalizeDates(input.dates),
    createdBy: principal.userId,
    createdAt: now,
    updatedAt: now,
  });
}

export function updateHolidayCalendar(
  deps: CalendarDeps,
  principal: Principal,
  id: string,
  input: HolidayCalendarRequest,
  precondition?: Precondition,
): Promise<Versioned<HolidayCalendar>> {
  return updateAudited(
    audited(deps),
    principal,
    calendarKind(deps.repos),
    id,
    (current) => ({
      ...current,
      name: input.name,
      dates: normalizeDates(input.dates),
      updatedAt: deps.clock().toISOString(),
    }),
    precondition,
  );
}

/** Refused (409, listing them) while schedules exclude its dates. */
export async function deleteHolidayCalendar(
  deps: CalendarDeps,
  principal: Principal,
  id: string,
  precondition?: Precondition,
): Promise<void> {
  await deleteAudited(audited(deps), principal, calendarKind(deps.repos), id, precondition, async () => {
    const schedules = await schedulesUsing(deps.repos, principal.tenantId, 'holidayCalendarIds', id);
    if (schedules.length)
      throw conflict(`Holiday calendar ${id} is still used by ${schedules.length} schedule(s)`, {
        schedules,
      });
  });
}
