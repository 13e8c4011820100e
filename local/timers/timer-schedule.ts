import { CronExpressionParser } from 'cron-parser';

/** A timer trigger's schedule: the next occurrence strictly after a given instant (UTC). */
export interface TimerSchedule {
  expression: string;
  kind: 'cron' | 'interval';
  next(after: Date): Date;
  /** The shortest gap between two occurrences seen from a reference point (decides the monitor default). */
  intervalMs: number;
}

const dayMs = 24 * 60 * 60 * 1000;

function parseCron(expression: string): (after: Date) => Date {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(
      `Timer schedule "${expression}" must have 6 fields: {second} {minute} {hour} {day} {month} {day-of-week}.`,
    );
  }
  const normalized = fields.join(' ');
  const parsed = CronExpressionParser.parse(normalized, { tz: 'UTC', currentDate: 0 });
  const nextOf = (expr: string, after: Date) =>
    CronExpressionParser.parse(expr, { tz: 'UTC', currentDate: after }).next().toDate();
  if (parsed.fields.dayOfMonth.isWildcard || parsed.fields.dayOfWeek.isWildcard)
    return (after) => nextOf(normalized, after);

  // NCRONTAB (the host's parser) requires day AND day-of-week to match when both are restricted;
  // cron-parser follows Vixie cron (either). Walk the day-of-month occurrences and keep matching weekdays.
  const daysOfWeek = new Set(parsed.fields.dayOfWeek.values.map((d) => Number(d) % 7));
  const byDayOfMonth = [...fields.slice(0, 5), '*'].join(' ');
  return (after) => {
    let cursor = after;
    for (let i = 0; i < 5000; i++) {
      const candidate = nextOf(byDayOfMonth, cursor);
      if (daysOfWeek.has(candidate.getUTCDay())) return candidate;
      cursor = new Date(Math.floor(candidate.getTime() / dayMs) * dayMs + dayMs - 1);
    }
    throw new Error(`Timer schedule "${expression}" has no occurrence in the foreseeable future.`);
  };
}

/** .NET TimeSpan text (`[d.]hh:mm[:ss[.fffffff]]`) in milliseconds; undefined when it is not one. */
export function parseTimeSpan(expression: string): number | undefined {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(expression.trim());
  if (!m) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = m;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  const ms = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000;
  return ms + Math.floor(Number(`0.${fraction || '0'}`) * 1000);
}

/**
 * Parses a timer schedule as the host does: a 6-field NCRONTAB expression (seconds first, UTC; ranges,
 * steps, lists and month/day names), else a TimeSpan `hh:mm:ss` meaning "every interval".
 */
export function parseTimerSchedule(expression: string): TimerSchedule {
  const intervalMs = parseTimeSpan(expression);
  if (intervalMs !== undefined) {
    if (intervalMs <= 0) throw new Error(`Timer schedule "${expression}" must be a positive interval.`);
    return {
      expression,
      kind: 'interval',
      next: (after) => new Date(after.getTime() + intervalMs),
      intervalMs,
    };
  }
  let next: (after: Date) => Date;
  try {
    next = parseCron(expression);
  } catch (err) {
    throw new Error(
      `Timer schedule "${expression}" is neither a valid NCRONTAB expression nor a TimeSpan: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const first = next(new Date(Date.UTC(2001, 0, 1)));
  return { expression, kind: 'cron', next, intervalMs: next(first).getTime() - first.getTime() };
}
