/** Days of a month by rule. Business day = Monday–Friday and not one of the tenant's holidays (local dates). */
import { daysInMonth, isoDate, weekdayOf } from './local-time';

export function isBusinessDay(
  year: number,
  month: number,
  day: number,
  holidays?: ReadonlySet<string>,
): boolean {
  const weekday = weekdayOf(year, month, day);
  return weekday !== 0 && weekday !== 6 && !holidays?.has(isoDate(year, month, day));
}

export function lastBusinessDay(year: number, month: number, holidays?: ReadonlySet<string>): number | null {
  for (let day = daysInMonth(year, month); day >= 1; day--)
    if (isBusinessDay(year, month, day, holidays)) return day;
  return null;
}

/** The nth (1-based) business day of the month, or null when the month has fewer. */
export function nthBusinessDay(
  year: number,
  month: number,
  nth: number,
  holidays?: ReadonlySet<string>,
): number | null {
  let seen = 0;
  for (let day = 1; day <= daysInMonth(year, month); day++) {
    if (isBusinessDay(year, month, day, holidays) && ++seen === nth) return day;
  }
  return null;
}

/** The nth (1–5) or last given weekday (0 = Sunday) of the month, or null when the month has no fifth one. */
export function nthWeekday(
  year: number,
  month: number,
  weekday: number,
  nth: number | 'last',
): number | null {
  const first = 1 + ((weekday - weekdayOf(year, month, 1) + 7) % 7);
  const count = Math.floor((daysInMonth(year, month) - first) / 7) + 1;
  const index = nth === 'last' ? count : nth;
  return index <= count ? first + (index - 1) * 7 : null;
}
