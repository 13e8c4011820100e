/** The viewer's IANA time zone (what the browser says), UTC when unknown. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function offsetMsAt(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant a local day (`YYYY-MM-DD`) starts in `timeZone`, as a UTC ISO string. */
export function startOfZonedDay(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let utc = wall - offsetMsAt(wall, timeZone);
  utc = wall - offsetMsAt(utc, timeZone); // second pass: the offset at the instant itself (DST days)
  return new Date(utc).toISOString();
}

/** The last millisecond of a local day in `timeZone` (inclusive end of a date range). */
export function endOfZonedDay(day: string, timeZone: string): string {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return new Date(Date.parse(startOfZonedDay(next, timeZone)) - 1).toISOString();
}

/** The local day (`YYYY-MM-DD`) of an instant in `timeZone`. */
export function zonedDayOf(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}
