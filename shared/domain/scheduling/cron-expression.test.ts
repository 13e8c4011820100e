import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { checkCronExpression, parseCronExpression } from './cron-expression';
import { nextFires } from './next-fires';
import { ScheduleRule } from './schedule-rule';

const problem = (expr: string) => {
  const check = checkCronExpression(expr);
  return check.ok ? null : { field: check.problem.field, reason: check.problem.reason };
};

const utcFires = (expression: string, after: string, count: number) =>
  nextFires(ScheduleRule.parse({ kind: 'cron', expression, timezone: 'UTC' }), new Date(after), count).map(
    (f) => f.utc.toISOString(),
  );

describe('cron validation names the field and the reason', () => {
  it.each([
    [
      '* * *',
      'expression',
      'expected 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds first), found 3',
    ],
    [
      '0 0 0 * * * *',
      'expression',
      'expected 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds first), found 7',
    ],
    [
      '',
      'expression',
      'expected 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds first), found none',
    ],
    ['0 25 * * *', 'hour', '25 is out of range 0-23'],
    ['60 * * * * *', 'second', '60 is out of range 0-59'],
    ['0 0 0 * *', 'day-of-month', '0 is out of range 1-31'],
    ['0 0 * 13 *', 'month', '13 is out of range 1-12'],
    ['0 0 * * 8', 'day-of-week', '8 is out of range 0-7'],
    ['*/0 * * * *', 'minute', 'step "0" must be a positive whole number'],
    ['*/x * * * *', 'minute', 'step "x" must be a positive whole number'],
    ['*/90 * * * *', 'minute', 'step 90 is larger than the 60 values the field has'],
    ['0 0 30-10 * *', 'day-of-month', 'range 30-10 runs backwards (30 > 10)'],
    ['0 0 * * MON-FOO', 'day-of-week', '"FOO" is not a number or a name (SUN…SAT)'],
    ['0 0 * FOO *', 'month', '"FOO" is not a number or a name (JAN…DEC)'],
    ['0 x * * *', 'hour', '"x" is not a number'],
    ['0 0 1,,2 * *', 'day-of-month', 'a list has an empty item'],
    ['0 0 1-2-3 * *', 'day-of-month', '"1-2-3" is not a range (write a-b)'],
    ['0 0 1/2/3 * *', 'day-of-month', '"1/2/3" has more than one "/"'],
    ['0 ? * * *', 'hour', '"?" is allowed only in day-of-month and day-of-week'],
    ['0 0 30 2 ?', 'day-of-month', 'that day never occurs in the months selected'], // `?` is a star too
    ['0 0 1,? * *', 'day-of-month', '"?" can only stand alone'],
    [
      '0 0 L * *',
      'day-of-month',
      '"L": L, W and # are not supported; use a calendar schedule for last/nth weekdays and business days',
    ],
    [
      '0 0 * * 5#2',
      'day-of-week',
      '"5#2": L, W and # are not supported; use a calendar schedule for last/nth weekdays and business days',
    ],
    ['0 0 31 2 *', 'day-of-month', 'that day never occurs in the months selected'],
    ['0 0 31 4,6,9,11 *', 'day-of-month', 'that day never occurs in the months selected'],
  ])('%s → %s: %s', (expr, field, reason) => {
    expect(problem(expr)).toEqual({ field, reason });
  });

  it('puts the expression, the field and its text in the message', () => {
    const check = checkCronExpression('0 25 * * *');
    expect(check.ok ? '' : check.problem.message).toBe(
      'Invalid cron expression "0 25 * * *": hour field "25": 25 is out of range 0-23',
    );
  });

  it('throws a VALIDATION_ERROR AppError with the details', () => {
    let thrown: unknown;
    try {
      parseCronExpression('1-2,70 * * * *', 'cronExpr');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('VALIDATION_ERROR');
    expect((thrown as AppError).details).toEqual({
      field: 'cronExpr',
      value: '1-2,70 * * * *',
      cronField: 'minute',
      text: '1-2,70',
      reason: '70 is out of range 0-59',
    });
  });

  it.each([
    '0 0 31 * *',
    '0 0 29 2 *',
    '0 0 31 2 1',
    '0 0 ? * ?',
    '@daily',
    ' 0  9 * * 1-5 ',
    '*/15 0 1 * * *',
  ])('accepts %s', (expr) => {
    expect(problem(expr)).toBeNull();
  });
});

describe('cron field syntax', () => {
  it('reads names, ranges, steps, lists and 7 as Sunday', () => {
    // 2025-06-01 is a Sunday
    expect(utcFires('0 0 * * FRI-SUN', '2025-06-01T12:00:00Z', 4)).toEqual([
      '2025-06-06T00:00:00.000Z',
      '2025-06-07T00:00:00.000Z',
      '2025-06-08T00:00:00.000Z',
      '2025-06-13T00:00:00.000Z',
    ]);
    expect(utcFires('0 0 * * 7', '2025-06-01T12:00:00Z', 1)).toEqual(['2025-06-08T00:00:00.000Z']);
    expect(utcFires('5/20 8-9 * * *', '2025-06-01T00:00:00Z', 4)).toEqual([
      '2025-06-01T08:05:00.000Z',
      '2025-06-01T08:25:00.000Z',
      '2025-06-01T08:45:00.000Z',
      '2025-06-01T09:05:00.000Z',
    ]);
    expect(utcFires('0 10-20/5,23 * * *', '2025-06-01T00:00:00Z', 4)).toEqual([
      '2025-06-01T10:00:00.000Z',
      '2025-06-01T15:00:00.000Z',
      '2025-06-01T20:00:00.000Z',
      '2025-06-01T23:00:00.000Z',
    ]);
    expect(utcFires('0 0 1 jan,Jul *', '2025-02-01T00:00:00Z', 2)).toEqual([
      '2025-07-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
  });

  it('expands the shorthands', () => {
    expect(utcFires('@hourly', '2025-06-01T10:20:00Z', 1)).toEqual(['2025-06-01T11:00:00.000Z']);
    expect(utcFires('@weekly', '2025-06-01T10:20:00Z', 1)).toEqual(['2025-06-08T00:00:00.000Z']);
    expect(utcFires('@monthly', '2025-06-01T10:20:00Z', 1)).toEqual(['2025-07-01T00:00:00.000Z']);
    expect(utcFires('@yearly', '2025-06-01T10:20:00Z', 1)).toEqual(['2026-01-01T00:00:00.000Z']);
  });

  it('fires on either day when both day-of-month and day-of-week are restricted (Vixie cron)', () => {
    // the 13th or any Friday: Fridays 06-06, 06-13 (also the 13th), 06-20, 06-27, 07-04
    expect(utcFires('0 0 13 * 5', '2025-06-01T00:00:00Z', 5)).toEqual([
      '2025-06-06T00:00:00.000Z',
      '2025-06-13T00:00:00.000Z',
      '2025-06-20T00:00:00.000Z',
      '2025-06-27T00:00:00.000Z',
      '2025-07-04T00:00:00.000Z',
    ]);
    // a day-of-month written with a step is restricted too (1st, 16th, 31st or Friday); `?` is not
    expect(utcFires('0 0 */15 * 5', '2025-06-01T00:00:00Z', 3)).toEqual([
      '2025-06-06T00:00:00.000Z',
      '2025-06-13T00:00:00.000Z',
      '2025-06-16T00:00:00.000Z',
    ]);
    expect(utcFires('0 0 ? * 5', '2025-06-01T00:00:00Z', 2)).toEqual([
      '2025-06-06T00:00:00.000Z',
      '2025-06-13T00:00:00.000Z',
    ]);
  });

  it('fires day 31 only in months that have one', () => {
    expect(utcFires('0 12 31 * *', '2025-01-31T12:00:00Z', 3)).toEqual([
      '2025-03-31T12:00:00.000Z',
      '2025-05-31T12:00:00.000Z',
      '2025-07-31T12:00:00.000Z',
    ]);
  });
});
