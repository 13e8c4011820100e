import { describe } from './describe-value';

/** A date to show, and whether it is a calendar date (no time of day, so no time zone to convert). */
export interface DateInput {
  date: Date;
  calendarDate: boolean;
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const naiveDateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const zonedDateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * Accepts a Date, epoch milliseconds, or ISO 8601 text: `2026-03-01` (a calendar date, shown as is),
 * `2026-03-01T09:30:00Z` / `+01:00` (an instant), or `2026-03-01 09:30` without an offset (taken as
 * UTC, as database TIMESTAMP columns are). null or '' gives null.
 */
export function toDate(filter: string, value: unknown): DateInput | null {
  if (value === null || value === undefined || value === '') return null;
  let date: Date | undefined;
  let calendarDate = false;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(value);
  else if (typeof value === 'string') {
    const text = value.trim();
    if (dateOnly.test(text)) {
      date = new Date(`${text}T00:00:00Z`);
      calendarDate = true;
    } else if (naiveDateTime.test(text)) date = new Date(`${text.replace(' ', 'T')}Z`);
    else if (zonedDateTime.test(text)) date = new Date(text.replace(' ', 'T'));
  }
  if (!date || Number.isNaN(date.getTime())) {
    throw new Error(`${filter}: ${describe(value)} is not a date (use ISO 8601)`);
  }
  return { date, calendarDate };
}
