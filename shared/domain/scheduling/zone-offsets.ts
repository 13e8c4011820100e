/**
 * A zone's UTC offset at any instant, answered from a per-zone memo of UTC days: each day is asked of ICU at its
 * two ends and, when they differ, the transition is found to the second by bisection. After the first question
 * about a day, every later one is a map look-up. (Two transitions inside one UTC day, which no zone has had since
 * the 1940s, would be seen as none.)
 */
import { DAY_MS, SECOND_MS } from './local-time';
import { intlOffsetMs } from './time-zone';

interface DaySpan {
  before: number;
  /** The instant the offset changes to `after`; Infinity when it does not change that day. */
  transitionAt: number;
  after: number;
}

const MAX_DAYS_PER_ZONE = 50_000;
const zones = new Map<string, Map<number, DaySpan>>();

export function offsetAt(timeZone: string, utc: number): number {
  let days = zones.get(timeZone);
  if (!days) {
    days = new Map();
    zones.set(timeZone, days);
  }
  const dayIndex = Math.floor(utc / DAY_MS);
  let span = days.get(dayIndex);
  if (!span) {
    if (days.size >= MAX_DAYS_PER_ZONE) days.clear();
    span = spanOfDay(timeZone, dayIndex);
    days.set(dayIndex, span);
  }
  return utc < span.transitionAt ? span.before : span.after;
}

function spanOfDay(timeZone: string, dayIndex: number): DaySpan {
  const start = dayIndex * DAY_MS;
  const end = start + DAY_MS;
  const before = intlOffsetMs(timeZone, start);
  const after = intlOffsetMs(timeZone, end);
  if (before === after) return { before, transitionAt: Infinity, after };
  let lo = start; // offset === before
  let hi = end; // offset !== before
  while (hi - lo > SECOND_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / SECOND_MS) * SECOND_MS;
    if (intlOffsetMs(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return { before, transitionAt: hi, after };
}
