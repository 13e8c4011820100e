/**
 * Calendar-step intervals: occurrence k is the anchor's local date plus k·months (the day clamped to the month's
 * end: from Jan 31 by P1M → Feb 28/29, Mar 31, Apr 30 — always counted from the anchor, so the anchor day comes
 * back) plus k·days, at the anchor's wall time.
 */
import type { LocalPattern } from './local-pattern';
import { DAY_MS, daysInMonth, localFields, wallMs } from './local-time';

const AVERAGE_MONTH_MS = 30.436875 * DAY_MS;

export function calendarStepPattern(anchorWall: number, months: number, days: number): LocalPattern {
  const anchor = localFields(anchorWall);
  const timeOfDay = anchorWall - wallMs(anchor.year, anchor.month, anchor.day);
  const occurrence = (k: number): number => {
    const monthIndex = anchor.year * 12 + (anchor.month - 1) + k * months;
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const day = Math.min(anchor.day, daysInMonth(year, month));
    return wallMs(year, month, day) + k * days * DAY_MS + timeOfDay;
  };
  const approxStep = months * AVERAGE_MONTH_MS + days * DAY_MS;
  return {
    everyHour: false,
    nextAtOrAfter: (wall) => {
      let k = Math.max(0, Math.floor((wall - anchorWall) / approxStep) - 1);
      while (occurrence(k) < wall) k++;
      while (k > 0 && occurrence(k - 1) >= wall) k--;
      return occurrence(k);
    },
  };
}
