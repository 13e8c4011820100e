import { describe, expect, it } from 'vitest';
import { firesBetween, nextFire, nextFires } from './next-fires';
import { ScheduleRule } from './schedule-rule';

const iso = (fires: { utc: Date }[]) => fires.map((f) => f.utc.toISOString());
const hourly = (extra: { startAt?: string; endAt?: string } = {}) =>
  ScheduleRule.parse({ kind: 'cron', expression: '0 * * * *', timezone: 'UTC', ...extra });

describe('nextFires / nextFire', () => {
  it('returns `count` fires strictly after `after`', () => {
    expect(iso(nextFires(hourly(), new Date('2025-06-01T10:00:00Z'), 3))).toEqual([
      '2025-06-01T11:00:00.000Z',
      '2025-06-01T12:00:00.000Z',
      '2025-06-01T13:00:00.000Z',
    ]);
    expect(nextFire(hourly(), new Date('2025-06-01T10:00:00.001Z'))?.utc.toISOString()).toBe(
      '2025-06-01T11:00:00.000Z',
    );
    expect(nextFires(hourly(), new Date('2025-06-01T10:00:00Z'), 0)).toEqual([]);
  });

  it('starts at startAt (inclusive) and stops at endAt (inclusive)', () => {
    const rule = hourly({ startAt: '2025-06-01T12:00:00Z', endAt: '2025-06-01T14:00:00Z' });
    expect(iso(nextFires(rule, new Date('2025-01-01T00:00:00Z'), 10))).toEqual([
      '2025-06-01T12:00:00.000Z',
      '2025-06-01T13:00:00.000Z',
      '2025-06-01T14:00:00.000Z',
    ]);
    expect(nextFire(rule, new Date('2025-06-01T14:00:00Z'))).toBeNull();
  });

  it('a startAt between fires waits for the next fire', () => {
    const rule = hourly({ startAt: '2025-06-01T12:00:01Z' });
    expect(nextFire(rule, new Date('2025-01-01T00:00:00Z'))?.utc.toISOString()).toBe(
      '2025-06-01T13:00:00.000Z',
    );
  });

  it('a rule that can never fire again returns null, not a hang', () => {
    const leap = ScheduleRule.parse({
      kind: 'cron',
      expression: '0 0 29 2 *',
      timezone: 'UTC',
      endAt: '2027-12-31T00:00:00Z',
    });
    expect(nextFire(leap, new Date('2024-03-01T00:00:00Z'))).toBeNull();
  });

  it('the same rule object gives the same answers on repeated calls', () => {
    const rule = ScheduleRule.parse({
      kind: 'calendar',
      time: '08:00',
      on: { type: 'last_business_day' },
      timezone: 'UTC',
    });
    const after = new Date('2025-05-01T00:00:00Z');
    expect(nextFire(rule, after, { holidays: new Set(['2025-05-30']) })?.utc.toISOString()).toBe(
      '2025-05-29T08:00:00.000Z',
    );
    expect(nextFire(rule, after)?.utc.toISOString()).toBe('2025-05-30T08:00:00.000Z');
  });
});

describe('firesBetween', () => {
  it('lists the fires in (from, to]', () => {
    expect(
      iso(
        firesBetween(hourly(), new Date('2025-06-01T10:00:00Z'), new Date('2025-06-01T13:00:00Z'), {}, 100),
      ),
    ).toEqual(['2025-06-01T11:00:00.000Z', '2025-06-01T12:00:00.000Z', '2025-06-01T13:00:00.000Z']);
  });

  it('stops at the cap, keeping the earliest', () => {
    expect(
      iso(firesBetween(hourly(), new Date('2025-06-01T00:00:00Z'), new Date('2025-06-02T00:00:00Z'), {}, 2)),
    ).toEqual(['2025-06-01T01:00:00.000Z', '2025-06-01T02:00:00.000Z']);
  });

  it('respects endAt', () => {
    const rule = hourly({ endAt: '2025-06-01T11:30:00Z' });
    expect(
      iso(firesBetween(rule, new Date('2025-06-01T10:00:00Z'), new Date('2025-06-01T20:00:00Z'), {}, 100)),
    ).toEqual(['2025-06-01T11:00:00.000Z']);
  });

  it('includes both occurrences of a repeated hour for a wildcard-hour cron', () => {
    const rule = ScheduleRule.parse({ kind: 'cron', expression: '30 * * * *', timezone: 'America/New_York' });
    expect(
      firesBetween(rule, new Date('2025-11-02T05:00:00Z'), new Date('2025-11-02T07:00:00Z'), {}, 10).map(
        (f) => f.local,
      ),
    ).toEqual(['2025-11-02T01:30:00-04:00', '2025-11-02T01:30:00-05:00']);
  });
});
