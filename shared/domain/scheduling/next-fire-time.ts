import { CronExpressionParser } from 'cron-parser';
import { AppError } from '../errors';

/**
 * The first fire time strictly after `after` of a 5- or 6-field cron expression in an IANA time zone.
 * (The schedules issue replaces this with explicit DST and misfire policies.)
 */
export function nextCronFire(cronExpr: string, timezone: string, after: Date): Date | null {
  try {
    const expression = CronExpressionParser.parse(cronExpr, { currentDate: after, tz: timezone });
    return expression.hasNext() ? expression.next().toDate() : null;
  } catch (err) {
    throw new AppError('VALIDATION_ERROR', `Invalid cron expression: ${(err as Error).message}`, {
      field: 'cronExpr',
      value: cronExpr,
    });
  }
}
