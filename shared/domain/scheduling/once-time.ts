/**
 * The datetime of a `once` schedule: an instant (`2025-03-09T07:30:00Z`, `…+01:00`) or a local wall time
 * without offset (`2025-03-09T02:30`), read in the schedule's zone.
 */
import { daysInMonth, wallMs } from './local-time';

export type OnceTime = { kind: 'instant'; utc: number } | { kind: 'local'; wall: number };

const grammar = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/i;

export function parseOnceTime(text: string): OnceTime | null {
  const m = grammar.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0] = m
    .slice(1, 7)
    .map((v) => (v === undefined ? 0 : Number(v)));
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined
  ) {
    return null;
  }
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  const wall = wallMs(year, month, day, hour, minute, second) + Number((m[7] ?? '').padEnd(3, '0'));
  const zone = m[8];
  if (zone === undefined) return { kind: 'local', wall };
  if (zone.toUpperCase() === 'Z') return { kind: 'instant', utc: wall };
  const sign = zone.startsWith('-') ? -1 : 1;
  const offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  return { kind: 'instant', utc: wall - offset };
}
