import type { FilterImplOptions } from 'liquidjs';
import { compileDateFormat } from './date-format';
import { memoize } from './memoize';
import type { SettingsOf } from './render-settings';
import { toDate } from './to-date';
import { createZonedDateFormatter } from './zoned-date-formatter';

export const defaultDateFormat = 'yyyy-MM-dd HH:mm';

/**
 * `{{ run.fireTime | format_date: 'd MMM yyyy HH:mm zzz' }}` — in the tenant's time zone, or in the one
 * given second (`format_date: 'HH:mm', 'UTC'`); tokens in date-format.ts; default `yyyy-MM-dd HH:mm`.
 * A calendar date (`2026-03-01`) is shown as that date whatever the zone.
 */
export function createFormatDateFilter(settingsOf: SettingsOf): FilterImplOptions {
  const compiled = memoize(compileDateFormat);
  const formatZoned = createZonedDateFormatter();

  return function formatDate(value: unknown, format: unknown = defaultDateFormat, zone?: unknown) {
    if (typeof format !== 'string')
      throw new Error("format_date: the format must be text, e.g. 'yyyy-MM-dd'");
    if (zone !== undefined && typeof zone !== 'string') {
      throw new Error("format_date: the time zone must be text, e.g. 'UTC'");
    }
    const input = toDate('format_date', value);
    if (!input) return '';
    const pieces = compiled(format);
    const settings = settingsOf(this.context);
    const timeZone = input.calendarDate ? 'UTC' : (zone ?? settings.timeZone);
    try {
      return formatZoned(pieces, input.date, settings.locale, timeZone);
    } catch (err) {
      if (err instanceof RangeError) throw new Error(`format_date: ${err.message}`, { cause: err });
      throw err;
    }
  };
}
