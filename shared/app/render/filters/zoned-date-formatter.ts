import type { DatePiece, DateToken } from './date-format';
import { memoize } from './memoize';

const dayMs = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Formats date tokens in a time zone. Intl (full ICU ships with Node) decides the zone's UTC offset and
 * the locale's names, but asking it per cell is slow (a 10k-row table formats 10k dates), so: a zone's
 * offset is looked up once per UTC day (and per instant only on a day it changes), names once per
 * locale; the fields come from plain arithmetic on the shifted instant.
 */
export function createZonedDateFormatter() {
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

  /** Milliseconds to add to UTC to get the zone's wall clock, at this instant (Intl's answer). */
  function exactOffset(ms: number, timeZone: string): number {
    const p: Record<string, number> = {};
    for (const part of wallClock(timeZone).formatToParts(ms)) p[part.type] = Number(part.value);
    const wall = Date.UTC(p['year']!, p['month']! - 1, p['day'], p['hour'], p['minute'], p['second']);
    return wall - Math.floor(ms / 1000) * 1000;
  }

  // Per zone and UTC day: the offset, or null on a day the offset changes (then asked per instant).
  const dayOffset = memoize((key) => {
    const [timeZone = 'UTC', day] = key.split('|');
    const start = Number(day) * dayMs;
    const first = exactOffset(start, timeZone);
    return first === exactOffset(start + dayMs - 1, timeZone) ? first : null;
  }, 4096);
  const offsetAt = (ms: number, timeZone: string) =>
    dayOffset(`${timeZone}|${Math.floor(ms / dayMs)}`) ?? exactOffset(ms, timeZone);

  // Names per locale, from reference dates formatted in UTC: 2026-01-04 is a Sunday.
  const names = memoize((key) => {
    const [locale, kind] = key.split('|');
    const inUtc = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
    switch (kind) {
      case 'MMMM':
      case 'MMM': {
        const f = inUtc({ month: kind === 'MMMM' ? 'long' : 'short' });
        return Array.from({ length: 12 }, (_, m) => f.format(Date.UTC(2026, m, 15)));
      }
      case 'EEEE':
      case 'EEE': {
        const f = inUtc({ weekday: kind === 'EEEE' ? 'long' : 'short' });
        return Array.from({ length: 7 }, (_, d) => f.format(Date.UTC(2026, 0, 4 + d)));
      }
      default: {
        const f = inUtc({ hour: 'numeric', hour12: true });
        const period = (hour: number) =>
          f.formatToParts(Date.UTC(2026, 0, 1, hour)).find((p) => p.type === 'dayPeriod')?.value ?? '';
        return [period(9), period(21)];
      }
    }
  });
  // A zone's abbreviation (EST/EDT, GMT+1) follows its offset.
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

  /** One instant in one zone and locale, as the compiled pattern says. Throws RangeError for an unknown zone. */
  return function formatZoned(pieces: DatePiece[], date: Date, locale: string, timeZone: string): string {
    const ms = date.getTime();
    const offset = offsetAt(ms, timeZone);
    const wall = new Date(ms + offset);
    const hour = wall.getUTCHours();
    const field = (token: DateToken): string => {
      switch (token) {
        case 'yyyy':
          return String(wall.getUTCFullYear());
        case 'yy':
          return pad(wall.getUTCFullYear() % 100);
        case 'MMMM':
        case 'MMM':
          return names(`${locale}|${token}`)[wall.getUTCMonth()]!;
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
          return names(`${locale}|${token}`)[wall.getUTCDay()]!;
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
          return names(`${locale}|a`)[hour < 12 ? 0 : 1]!;
        case 'zzz':
          return zoneName(locale, timeZone, ms, offset);
        case 'XXX': {
          const minutes = Math.abs(offset) / 60_000;
          return `${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
        }
      }
    };
    let out = '';
    for (const piece of pieces) out += 'literal' in piece ? piece.literal : field(piece.token);
    return out;
  };
}
