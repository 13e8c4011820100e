import type { DatePiece, DateToken } from './date-format';
import { memoize } from './memoize';

const dayMs = 86_400_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

type Names = (locale: string, kind: 'MMMM' | 'MMM' | 'EEEE' | 'EEE' | 'a') => string[];

/** Month, weekday and AM/PM names per locale, from reference dates formatted in UTC (2026-01-04 is a Sunday). */
function createNames(): Names {
  const names = memoize((key) => {
    const [locale, kind] = key.split('|');
    const inUtc = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
    if (kind === 'MMMM' || kind === 'MMM') {
      const f = inUtc({ month: kind === 'MMMM' ? 'long' : 'short' });
      return Array.from({ length: 12 }, (_, m) => f.format(Date.UTC(2026, m, 15)));
    }
    if (kind === 'EEEE' || kind === 'EEE') {
      const f = inUtc({ weekday: kind === 'EEEE' ? 'long' : 'short' });
      return Array.from({ length: 7 }, (_, d) => f.format(Date.UTC(2026, 0, 4 + d)));
    }
    const f = inUtc({ hour: 'numeric', hour12: true });
    const period = (hour: number) =>
      f.formatToParts(Date.UTC(2026, 0, 1, hour)).find((p) => p.type === 'dayPeriod')?.value ?? '';
    return [period(9), period(21)];
  });
  return (locale, kind) => names(`${locale}|${kind}`);
}

/** A zone's UTC offset (ms to add to UTC) at an instant: asked of Intl once per UTC day, per instant only on a day it changes. */
function createOffsets(): (ms: number, timeZone: string) => number {
  const wallClock = memoize(
    (timeZone) =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
      }),
  );
  function exact(ms: number, timeZone: string): number {
    const p: Record<string, number> = {};
    for (const part of wallClock(timeZone).formatToParts(ms)) p[part.type] = Number(part.value);
    const wall = Date.UTC(p['year']!, p['month']! - 1, p['day'], p['hour'], p['minute'], p['second']);
    return wall - Math.floor(ms / 1000) * 1000;
  }
  // zone → UTC day number → offset, or null on a day the offset changes.
  const days = new Map<string, Map<number, number | null>>();
  return (ms, timeZone) => {
    let byDay = days.get(timeZone);
    if (!byDay || byDay.size > 20_000) days.set(timeZone, (byDay = new Map<number, number | null>()));
    const day = Math.floor(ms / dayMs);
    let offset = byDay.get(day);
    if (offset === undefined) {
      const first = exact(day * dayMs, timeZone);
      offset = first === exact(day * dayMs + dayMs - 1, timeZone) ? first : null;
      byDay.set(day, offset);
    }
    return offset ?? exact(ms, timeZone);
  };
}

/**
 * Formats an instant in a time zone. Intl (full ICU ships with Node) decides offsets and names, but asking
 * it per cell is slow — a 10k-row table formats 10k dates — so offsets are cached per UTC day, names per
 * locale, and the fields come from arithmetic on the shifted instant. Throws RangeError for an unknown zone.
 */
export function createZonedDateFormatter() {
  const names = createNames();
  const offsetAt = createOffsets();
  // The abbreviation (EST/EDT, GMT+1) follows the offset: one lookup per locale, zone and offset.
  const zoneNames = new Map<string, string>();
  function zoneName(locale: string, timeZone: string, ms: number, offset: number): string {
    const key = `${locale}|${timeZone}|${offset}`;
    let name = zoneNames.get(key);
    if (name === undefined) {
      if (zoneNames.size >= 256) zoneNames.clear();
      const f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
      name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
      zoneNames.set(key, name);
    }
    return name;
  }

  function field(
    token: DateToken,
    wall: Date,
    offset: number,
    ms: number,
    locale: string,
    timeZone: string,
  ): string {
    const hour = wall.getUTCHours();
    switch (token) {
      case 'yyyy':
        return String(wall.getUTCFullYear());
      case 'yy':
        return pad(wall.getUTCFullYear() % 100);
      case 'MMMM':
      case 'MMM':
        return names(locale, token)[wall.getUTCMonth()]!;
      case 'MM':
        return pad(wall.getUTCMonth() + 1);
      case 'M':
        return String(wall.getUTCMonth() + 1);
      case 'dd':
        return pad(wall.getUTCDate());
      case 'd':
        return String(wall.getUTCDate());
      case 'EEEE':
      case 'EEE':
        return names(locale, token)[wall.getUTCDay()]!;
      case 'HH':
        return pad(hour);
      case 'H':
        return String(hour);
      case 'hh':
        return pad(hour % 12 || 12);
      case 'h':
        return String(hour % 12 || 12);
      case 'mm':
        return pad(wall.getUTCMinutes());
      case 'ss':
        return pad(wall.getUTCSeconds());
      case 'a':
        return names(locale, 'a')[hour < 12 ? 0 : 1]!;
      case 'zzz':
        return zoneName(locale, timeZone, ms, offset);
      case 'XXX': {
        const minutes = Math.abs(offset) / 60_000;
        return `${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
      }
    }
  }

  return function formatZoned(pieces: DatePiece[], date: Date, locale: string, timeZone: string): string {
    const ms = date.getTime();
    const offset = offsetAt(ms, timeZone);
    const wall = new Date(ms + offset);
    let out = '';
    for (const piece of pieces) {
      out += 'literal' in piece ? piece.literal : field(piece.token, wall, offset, ms, locale, timeZone);
    }
    return out;
  };
}
