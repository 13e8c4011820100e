import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { nextFires } from './next-fires';
import { ScheduleRule } from './schedule-rule';

const utcFires = (expression: string, timezone: string, after: string, count: number) =>
  nextFires(ScheduleRule.parse({ kind: 'cron', expression, timezone }), new Date(after), count).map((f) =>
    f.utc.toISOString(),
  );

describe('leap days and month ends', () => {
  it('0 9 29 2 * fires only in leap years (2100 is not one)', () => {
    expect(utcFires('0 9 29 2 *', 'Europe/Berlin', '2024-03-01T00:00:00Z', 3)).toEqual([
      '2028-02-29T08:00:00.000Z',
      '2032-02-29T08:00:00.000Z',
      '2036-02-29T08:00:00.000Z',
    ]);
    expect(utcFires('0 9 29 2 *', 'UTC', '2096-03-01T00:00:00Z', 1)).toEqual(['2104-02-29T09:00:00.000Z']);
  });

  it('fires on Feb 28 and Feb 29 in a leap year, then Mar 1', () => {
    expect(utcFires('0 0 28,29 2 *', 'UTC', '2028-02-01T00:00:00Z', 3)).toEqual([
      '2028-02-28T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
      '2029-02-28T00:00:00.000Z',
    ]);
  });

  it('crosses the year end', () => {
    expect(utcFires('59 23 31 12 *', 'Pacific/Chatham', '2025-06-01T00:00:00Z', 2)).toEqual([
      '2025-12-31T10:14:00.000Z', // 23:59 +13:45
      '2026-12-31T10:14:00.000Z',
    ]);
  });
});

/** Away from DST the semantics are plain cron: cron-parser (installed) must agree on every fire. */
describe('agrees with cron-parser where no DST applies', () => {
  const expressions = [
    '* * * * *',
    '*/7 * * * *',
    '0 9 * * 1-5',
    '30 2 * * *',
    '15,45 */3 * * *',
    '0 0 1 * *',
    '0 0 31 * *',
    '0 12 13 * 5',
    '0 0 */10 * 1',
    '0 0 ? * SUN',
    '0 6 1-7 * *',
    '5-50/15 1-5 * JAN-MAR,OCT *',
    '0 9 29 2 *',
    '30 */20 4 * * *',
    '0 0 0 1 1 *',
    '*/13 * 9 * * *',
    '@weekly',
  ];
  for (const timezone of ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu']) {
    it.each(expressions)(`%s in ${timezone}`, (expression) => {
      const after = '2025-01-30T22:17:41Z';
      const oracle = CronExpressionParser.parse(expression, { currentDate: new Date(after), tz: timezone });
      const expected = Array.from({ length: 40 }, () => oracle.next().toDate().toISOString());
      expect(utcFires(expression, timezone, after, 40)).toEqual(expected);
    });
  }
});
