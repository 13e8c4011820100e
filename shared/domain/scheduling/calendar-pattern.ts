/** Calendar schedules: a local time of day on weekdays, the nth weekday, or the last / nth business day of a month. */
import { lastBusinessDay, nthBusinessDay, nthWeekday } from './business-days';
import type { FireContext } from './fire';
import type { LocalPattern } from './local-pattern';
import { DAY_MS, MINUTE_MS, localFields, wallMs, weekdayOf } from './local-time';
import type { CalendarDays } from './schedule-rule';

/** Months to look through before concluding the rule never matches (holidays could cover every candidate). */
const HORIZON_MONTHS = 1200;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function calendarPattern(days: CalendarDays, time: string): LocalPattern {
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  const timeOfDay = (hh * 60 + mm) * MINUTE_MS;
  return {
    everyHour: false,
    nextAtOrAfter: (wall, context) => {
      const f = localFields(wall);
      const dayStart = wallMs(f.year, f.month, f.day);
      const first = localFields(wall - dayStart > timeOfDay ? dayStart + DAY_MS : dayStart);
      const day = nextMatchingDay(days, first.year, first.month, first.day, context);
      return day === null ? null : day + timeOfDay;
    },
  };
}

/** The wall midnight of the first matching day on or after the given date. */
function nextMatchingDay(
  rule: CalendarDays,
  year: number,
  month: number,
  fromDay: number,
  context: FireContext,
): number | null {
  if (rule.type === 'weekdays') {
    const weekday = weekdayOf(year, month, fromDay);
    const skip = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
    return wallMs(year, month, fromDay) + skip * DAY_MS;
  }
  for (let i = 0; i < HORIZON_MONTHS; i++) {
    const y = year + Math.floor((month - 1 + i) / 12);
    const m = ((month - 1 + i) % 12) + 1;
    const day = dayOfMonth(rule, y, m, context);
    if (day !== null && (i > 0 || day >= fromDay)) return wallMs(y, m, day);
  }
  return null;
}

function dayOfMonth(
  rule: Exclude<CalendarDays, { type: 'weekdays' }>,
  year: number,
  month: number,
  { holidays }: FireContext,
): number | null {
  switch (rule.type) {
    case 'nth_weekday':
      return nthWeekday(year, month, WEEKDAYS.indexOf(rule.weekday), rule.nth);
    case 'last_business_day':
      return lastBusinessDay(year, month, holidays);
    case 'nth_business_day':
      return nthBusinessDay(year, month, rule.nth, holidays);
  }
}
