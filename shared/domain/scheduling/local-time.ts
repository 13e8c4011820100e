/**
 * Wall-clock arithmetic. A local date-time is held as "wall milliseconds": the local fields encoded as if they
 * were UTC (`Date.UTC(y, m - 1, d, h, mi, s)`), so adding days or comparing two local times is plain arithmetic
 * and never depends on a zone. Turning a wall time into an instant is `resolve-local-time.ts`'s job.
 */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface LocalFields {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export const wallMs = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number =>
  Date.UTC(year, month - 1, day, hour, minute, second);

export function localFields(wall: number): LocalFields {
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** 0 = Sunday … 6 = Saturday, as in cron. */
export const weekdayOf = (year: number, month: number, day: number): number =>
  new Date(Date.UTC(year, month - 1, day)).getUTCDay();

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD`, the form tenants' holiday dates are given in. */
export const isoDate = (year: number, month: number, day: number): string =>
  `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** ISO 8601 local date-time with its UTC offset, e.g. `2025-03-09T03:30:00-04:00`. */
export function formatLocalIso(utc: number, offset: number): string {
  const f = localFields(utc + offset);
  const ms = f.millisecond === 0 ? '' : `.${pad(f.millisecond, 3)}`;
  return `${isoDate(f.year, f.month, f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${ms}${formatOffset(offset)}`;
}

function formatOffset(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const total = Math.abs(offset) / SECOND_MS;
  const seconds = total % 60;
  const hhmm = `${sign}${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}`;
  return seconds === 0 ? hhmm : `${hhmm}:${pad(seconds)}`; // only local mean time before ~1900 has seconds
}
