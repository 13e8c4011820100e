import { AppError } from '../errors';
import { parseCronExpression } from './cron-expression';
import { nextFire } from './next-fires';
import type { CronRule } from './schedule-rule';
import { isValidTimeZone } from './time-zone';

const rules = new Map<string, CronRule>();

/**
 * The first fire time strictly after `after` of a 5- or 6-field cron expression in an IANA time zone, with the
 * default DST policy (gap: shift forward, overlap: first). Throws VALIDATION_ERROR for a bad expression or zone.
 */
export function nextCronFire(cronExpr: string, timezone: string, after: Date): Date | null {
  const key = `${timezone} ${cronExpr}`;
  let rule = rules.get(key);
  if (!rule) {
    parseCronExpression(cronExpr, 'cronExpr');
    if (!isValidTimeZone(timezone)) {
      throw new AppError('VALIDATION_ERROR', `Unknown time zone "${timezone}"`, {
        field: 'timezone',
        value: timezone,
      });
    }
    rule = { kind: 'cron', expression: cronExpr, timezone, dst: { gap: 'shift_forward', overlap: 'first' } };
    if (rules.size >= 10_000) rules.clear();
    rules.set(key, rule);
  }
  return nextFire(rule, after)?.utc ?? null;
}
