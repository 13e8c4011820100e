import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { nextCronFire } from './next-fire-time';

describe('nextCronFire (the sweep’s entry point)', () => {
  it('the next minute in UTC', () => {
    expect(nextCronFire('* * * * *', 'UTC', new Date('2026-11-28T10:00:20Z'))?.toISOString()).toBe(
      '2026-11-28T10:01:00.000Z',
    );
  });

  it('applies the default DST policy (gap shifted forward)', () => {
    expect(
      nextCronFire('30 2 * * *', 'America/New_York', new Date('2025-03-08T12:00:00Z'))?.toISOString(),
    ).toBe('2025-03-09T07:30:00.000Z');
  });

  it('throws VALIDATION_ERROR for a bad expression, naming cronExpr and the field', () => {
    const call = () => nextCronFire('0 9 * * 1-9', 'UTC', new Date('2025-01-01T00:00:00Z'));
    expect(call).toThrow(AppError);
    expect(call).toThrow(
      'Invalid cron expression "0 9 * * 1-9": day-of-week field "1-9": 9 is out of range 0-7',
    );
    try {
      call();
    } catch (err) {
      expect((err as AppError).details).toMatchObject({ field: 'cronExpr', cronField: 'day-of-week' });
    }
  });

  it('throws VALIDATION_ERROR for an unknown zone', () => {
    expect(() => nextCronFire('* * * * *', 'Moon/Base', new Date('2025-01-01T00:00:00Z'))).toThrow(
      'Unknown time zone "Moon/Base"',
    );
  });
});
