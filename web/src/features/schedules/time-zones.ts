/** The IANA zones the browser knows, labelled with their current UTC offset, the viewer's own zone first. */
import { intlOffsetMs } from '../../../../shared/domain/scheduling/time-zone';
import { browserTimeZone } from '../../ui/format-time';

export interface TimeZoneOption {
  value: string;
  title: string;
}

/** `UTC+05:30`, `UTC−03:00`, `UTC`. */
export function formatOffset(offsetMs: number): string {
  if (offsetMs === 0) return 'UTC';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `UTC${offsetMs < 0 ? '−' : '+'}${hh}:${mm}`;
}

export function supportedTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/**
 * The picker's options at `now`: the default zone first, then UTC, then every other zone A–Z. A default the
 * runtime does not list (an alias such as `Etc/UTC`) is kept, so the picker never loses the current value.
 */
export function timeZoneOptions(now: Date, preferred: string = browserTimeZone()): TimeZoneOption[] {
  const all = supportedTimeZones();
  const ordered = [
    preferred,
    ...(preferred === 'UTC' ? [] : ['UTC']),
    ...all.filter((z) => z !== preferred && z !== 'UTC'),
  ];
  return ordered.map((zone) => ({
    value: zone,
    title: `${zone.replace(/_/g, ' ')} (${formatOffset(intlOffsetMs(zone, now.getTime()))})`,
  }));
}

/** The zone a new schedule starts in: the browser's (the person building it most likely means their own clock). */
export function defaultScheduleTimeZone(): string {
  return browserTimeZone();
}
