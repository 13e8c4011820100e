/**
 * Cron expressions: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, plus the
 * @yearly/@monthly/@weekly/@daily/@hourly shorthands. Day-of-month and day-of-week combine as in Vixie cron: when
 * both are restricted (neither is `*` or `?`) a day matching either fires; otherwise both must match.
 * A bad expression is reported with the field and the reason.
 */
import { AppError } from '../errors';
import { type CronField, type CronFieldName, type CronFieldSpec, parseCronField } from './cron-field';

export interface CronExpression {
  source: string;
  second: CronField;
  minute: CronField;
  hour: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
  /** The hour field allows all 24 hours: such a cron fires at every real hour (see zoned-fire-search.ts). */
  everyHour: boolean;
}

export interface CronProblem {
  field: CronFieldName | 'expression';
  /** The text of the offending field (the whole expression for `expression`). */
  text: string;
  reason: string;
  message: string;
}

export type CronCheck = { ok: true; cron: CronExpression } | { ok: false; problem: CronProblem };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const specs: readonly CronFieldSpec[] = [
  { name: 'second', min: 0, max: 59, writableMax: 59 },
  { name: 'minute', min: 0, max: 59, writableMax: 59 },
  { name: 'hour', min: 0, max: 23, writableMax: 23 },
  { name: 'day-of-month', min: 1, max: 31, writableMax: 31, question: true },
  { name: 'month', min: 1, max: 12, writableMax: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 6, writableMax: 7, names: DAYS, question: true },
];
const shorthands: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
/** The longest month each month can have (February: 29). */
const longestMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function checkCronExpression(source: string): CronCheck {
  const trimmed = source.trim();
  const texts = (shorthands[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (texts.length === 5) texts.unshift('0');
  if (texts.length !== 6) {
    const found = trimmed === '' ? 'none' : String(texts.length);
    return fail(
      source,
      'expression',
      trimmed,
      `expected 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds first), found ${found}`,
    );
  }
  const fields: CronField[] = [];
  for (const [i, spec] of specs.entries()) {
    const text = texts[i] ?? '';
    const parsed = parseCronField(text, spec);
    if (!parsed.ok) return fail(source, spec.name, text, parsed.reason);
    fields.push(parsed.field);
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = fields as [
    CronField,
    CronField,
    CronField,
    CronField,
    CronField,
    CronField,
  ];
  const cron: CronExpression = {
    source,
    second,
    minute,
    hour,
    dayOfMonth,
    month,
    dayOfWeek,
    everyHour: allowsAll(hour, 0, 23),
  };
  if (dayOfWeek.star && !dayOfMonthCanOccur(cron)) {
    return fail(source, 'day-of-month', texts[3] ?? '', 'that day never occurs in the months selected');
  }
  return { ok: true, cron };
}

const parsed = new Map<string, CronExpression>();

/** The expression, or an AppError VALIDATION_ERROR naming the field and the reason. */
export function parseCronExpression(source: string, field = 'expression'): CronExpression {
  const known = parsed.get(source);
  if (known) return known;
  const check = checkCronExpression(source);
  if (!check.ok) {
    const { field: cronField, text, reason, message } = check.problem;
    throw new AppError('VALIDATION_ERROR', message, { field, value: source, cronField, text, reason });
  }
  if (parsed.size >= 10_000) parsed.clear();
  parsed.set(source, check.cron);
  return check.cron;
}

function fail(source: string, field: CronProblem['field'], text: string, reason: string): CronCheck {
  const where = field === 'expression' ? '' : ` ${field} field "${text}":`;
  return {
    ok: false,
    problem: { field, text, reason, message: `Invalid cron expression "${source}":${where} ${reason}` },
  };
}

const allowsAll = (field: CronField, min: number, max: number): boolean => {
  for (let v = min; v <= max; v++) if (field.next[v] !== v) return false;
  return true;
};

function dayOfMonthCanOccur(cron: CronExpression): boolean {
  const firstDay = cron.dayOfMonth.next[1] ?? -1;
  return longestMonth.some(
    (days, i) => cron.month.next[i + 1] === i + 1 && firstDay !== -1 && firstDay <= days,
  );
}
