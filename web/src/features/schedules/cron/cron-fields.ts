/**
 * A cron expression as five editable fields and back. The API's parser (shared/domain) decides what is valid; a
 * problem it reports names its field, so the field editor shows it on that field.
 */
import { checkCronExpression } from '../../../../../shared/domain/scheduling/cron-expression';

export interface CronFields {
  minute: string;
  hour: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
}
export type CronFieldKey = keyof CronFields;

export const cronFieldOrder: readonly CronFieldKey[] = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'];

const shorthands: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** The five fields of an expression (a shorthand expanded; a leading seconds field of `0` dropped), or null. */
export function splitCron(expression: string): CronFields | null {
  const trimmed = expression.trim();
  let parts = (shorthands[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (parts.length === 6 && parts[0] === '0') parts = parts.slice(1);
  if (parts.length !== 5) return null;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parts as [string, string, string, string, string];
  return { minute, hour, dayOfMonth, month, dayOfWeek };
}

export function joinCron(fields: CronFields): string {
  return cronFieldOrder.map((key) => fields[key].trim() || '*').join(' ');
}

const problemFields: Record<string, CronFieldKey> = {
  minute: 'minute',
  hour: 'hour',
  'day-of-month': 'dayOfMonth',
  month: 'month',
  'day-of-week': 'dayOfWeek',
};

export interface CronCheckResult {
  ok: boolean;
  /** The whole-expression message (for the raw input). */
  message: string | null;
  /** The field the problem is in, when it is in one. */
  field: CronFieldKey | null;
}

/** Checks an expression with the scheduler's own parser. */
export function checkCron(expression: string): CronCheckResult {
  const check = checkCronExpression(expression);
  if (check.ok) return { ok: true, message: null, field: null };
  return { ok: false, message: check.problem.message, field: problemFields[check.problem.field] ?? null };
}
