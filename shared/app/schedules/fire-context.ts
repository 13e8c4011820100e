import type { FireContext } from '../../domain/scheduling/fire';
import type { Repositories } from '../../ports/repositories';

/**
 * What a rule needs besides itself: the dates of the schedule's holiday calendars (business-day rules skip them).
 * A calendar deleted since the schedule was saved no longer excludes anything.
 */
export async function loadFireContext(
  repos: Repositories,
  tenantId: string,
  holidayCalendarIds: readonly string[],
): Promise<FireContext> {
  if (holidayCalendarIds.length === 0) return {};
  const calendars = await Promise.all(
    holidayCalendarIds.map((id) => repos.holidayCalendars.get(tenantId, id)),
  );
  const holidays = new Set<string>();
  for (const calendar of calendars) calendar?.doc.dates.forEach((date) => holidays.add(date));
  return { holidays };
}
