/** The wall times a cron expression matches, found field by field (never minute by minute). */
import type { CronExpression } from './cron-expression';
import type { LocalPattern } from './local-pattern';
import { SECOND_MS, daysInMonth, localFields, wallMs, weekdayOf } from './local-time';

/** How far ahead to look before concluding a cron never fires (`0 0 29 2 1-5`-like rules need 28 years at most). */
const HORIZON_YEARS = 50;

export function cronPattern(cron: CronExpression): LocalPattern {
  return { everyHour: cron.everyHour, nextAtOrAfter: (wall) => nextCronMatch(cron, wall) };
}

export function nextCronMatch(cron: CronExpression, wall: number): number | null {
  let { year, month, day, hour, minute, second } = localFields(Math.ceil(wall / SECOND_MS) * SECOND_MS);
  const lastYear = year + HORIZON_YEARS;
  const nextDay = () => {
    day++;
    hour = minute = second = 0;
  };
  while (year <= lastYear) {
    const m = cron.month.next[month] ?? -1;
    if (m !== month) {
      if (m === -1) year++;
      month = m === -1 ? 1 : m;
      day = 1;
      hour = minute = second = 0;
      continue;
    }
    if (!cron.dayOfWeek.star || cron.dayOfMonth.star) {
      if (day > daysInMonth(year, month)) {
        advanceMonth();
        continue;
      }
      if (!dayMatches(cron, year, month, day)) {
        nextDay();
        continue;
      }
    } else {
      const d = cron.dayOfMonth.next[day] ?? -1; // day-of-month alone decides: jump straight to it
      if (d === -1 || d > daysInMonth(year, month)) {
        advanceMonth();
        continue;
      }
      if (d !== day) {
        day = d;
        hour = minute = second = 0;
      }
    }
    const h = cron.hour.next[hour] ?? -1;
    if (h === -1) {
      nextDay();
      continue;
    }
    if (h !== hour) {
      hour = h;
      minute = second = 0;
    }
    const mi = cron.minute.next[minute] ?? -1;
    if (mi === -1) {
      hour++;
      minute = second = 0;
      continue;
    }
    if (mi !== minute) {
      minute = mi;
      second = 0;
    }
    const s = cron.second.next[second] ?? -1;
    if (s === -1) {
      minute++;
      second = 0;
      continue;
    }
    return wallMs(year, month, day, hour, minute, s);
  }
  return null;

  function advanceMonth() {
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
    day = 1;
    hour = minute = second = 0;
  }
}

function dayMatches(cron: CronExpression, year: number, month: number, day: number): boolean {
  const weekday = weekdayOf(year, month, day);
  const byDayOfWeek = cron.dayOfWeek.next[weekday] === weekday;
  if (cron.dayOfWeek.star) return true; // (day-of-month is star too on this path)
  if (cron.dayOfMonth.star) return byDayOfWeek;
  return byDayOfWeek || cron.dayOfMonth.next[day] === day;
}
