/**
 * IANA time zones through the runtime's ICU data (`Intl`), with one formatter per zone kept for reuse: building an
 * `Intl.DateTimeFormat` costs far more than using one.
 */
import { SECOND_MS } from './local-time';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone name the IANA database knows (`Europe/Berlin`, `UTC`, `Etc/GMT+5`); false for offsets like `+02:00`. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset in milliseconds at an instant, asked of ICU (exact to the second). */
export function intlOffsetMs(timeZone: string, utc: number): number {
  const instant = Math.floor(utc / SECOND_MS) * SECOND_MS;
  const f: Record<string, number> = {};
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type === 'era') bc = part.value === 'BC';
    else if (part.type !== 'literal') f[part.type] = Number(part.value);
  }
  const year = bc ? 1 - (f.year ?? 0) : (f.year ?? 0);
  const wall = new Date(0);
  wall.setUTCFullYear(year, (f.month ?? 1) - 1, f.day ?? 1);
  wall.setUTCHours(f.hour ?? 0, f.minute ?? 0, f.second ?? 0, 0);
  return wall.getTime() - instant;
}
