import { describe, expect, it } from 'vitest';
import type { Fire } from './fire';
import { nextFires } from './next-fires';
import { ScheduleRule } from './schedule-rule';

type Dst = { gap?: 'shift_forward' | 'skip'; overlap?: 'first' | 'both' };
const show = (f: Fire) => [f.utc.toISOString(), f.local, f.dstAdjusted].filter(Boolean).join(' ');
const calendar = (on: unknown, time: string, timezone: string, dst: Dst = {}) =>
  ScheduleRule.parse({ kind: 'calendar', on, time, timezone, dst });
const fires = (rule: ScheduleRule, after: string, count: number, holidays?: string[]) =>
  nextFires(rule, new Date(after), count, { holidays: new Set(holidays) }).map(show);

describe('weekdays', () => {
  it('Monday to Friday, following Berlin into summer time', () => {
    // Fri 2025-03-28 09:00 CET, (weekend, DST starts Sun 03-30), Mon 03-31 09:00 CEST
    expect(
      fires(calendar({ type: 'weekdays' }, '09:00', 'Europe/Berlin'), '2025-03-27T09:00:00Z', 3),
    ).toEqual([
      '2025-03-28T08:00:00.000Z 2025-03-28T09:00:00+01:00',
      '2025-03-31T07:00:00.000Z 2025-03-31T09:00:00+02:00',
      '2025-04-01T07:00:00.000Z 2025-04-01T09:00:00+02:00',
    ]);
  });

  it('today if the time is still ahead, else the next weekday', () => {
    const rule = calendar({ type: 'weekdays' }, '17:30', 'Asia/Kolkata');
    expect(fires(rule, '2025-06-06T11:59:59Z', 1)).toEqual([
      '2025-06-06T12:00:00.000Z 2025-06-06T17:30:00+05:30',
    ]);
    expect(fires(rule, '2025-06-06T12:00:00Z', 1)).toEqual([
      '2025-06-09T12:00:00.000Z 2025-06-09T17:30:00+05:30',
    ]);
  });
});

describe('nth weekday of the month', () => {
  it('2nd Tuesday (New York, after DST began)', () => {
    // March 2025 starts on a Saturday: Tuesdays 4, 11; April: 1, 8
    expect(
      fires(
        calendar({ type: 'nth_weekday', nth: 2, weekday: 'tue' }, '09:00', 'America/New_York'),
        '2025-03-01T00:00:00Z',
        2,
      ),
    ).toEqual([
      '2025-03-11T13:00:00.000Z 2025-03-11T09:00:00-04:00',
      '2025-04-08T13:00:00.000Z 2025-04-08T09:00:00-04:00',
    ]);
  });

  it('last Friday (Berlin, after DST ended)', () => {
    expect(
      fires(
        calendar({ type: 'nth_weekday', nth: 'last', weekday: 'fri' }, '10:00', 'Europe/Berlin'),
        '2025-10-01T00:00:00Z',
        2,
      ),
    ).toEqual([
      '2025-10-31T09:00:00.000Z 2025-10-31T10:00:00+01:00',
      '2025-11-28T09:00:00.000Z 2025-11-28T10:00:00+01:00',
    ]);
  });

  it('a 5th Monday skips months that have only four', () => {
    expect(
      fires(
        calendar({ type: 'nth_weekday', nth: 5, weekday: 'mon' }, '09:00', 'Asia/Kolkata'),
        '2025-01-01T00:00:00Z',
        2,
      ),
    ).toEqual([
      '2025-03-31T03:30:00.000Z 2025-03-31T09:00:00+05:30',
      '2025-06-30T03:30:00.000Z 2025-06-30T09:00:00+05:30',
    ]);
  });

  it('1st Sunday at 02:15 on Lord Howe spring-forward day: shifted to 02:45, or skipped to next month', () => {
    const on = { type: 'nth_weekday', nth: 1, weekday: 'sun' };
    expect(fires(calendar(on, '02:15', 'Australia/Lord_Howe'), '2025-10-01T00:00:00Z', 1)).toEqual([
      '2025-10-04T15:45:00.000Z 2025-10-05T02:45:00+11:00 shifted_forward',
    ]);
    expect(
      fires(calendar(on, '02:15', 'Australia/Lord_Howe', { gap: 'skip' }), '2025-10-01T00:00:00Z', 1),
    ).toEqual(['2025-11-01T15:15:00.000Z 2025-11-02T02:15:00+11:00']);
  });

  it('last Sunday of September at 03:00 on Chatham: inside the 02:45–03:45 gap → 04:00', () => {
    expect(
      fires(
        calendar({ type: 'nth_weekday', nth: 'last', weekday: 'sun' }, '03:00', 'Pacific/Chatham'),
        '2025-09-01T00:00:00Z',
        1,
      ),
    ).toEqual(['2025-09-27T14:15:00.000Z 2025-09-28T04:00:00+13:45 shifted_forward']);
  });

  it('1st Sunday of April at 03:00 on Chatham: repeated, first or both', () => {
    const on = { type: 'nth_weekday', nth: 1, weekday: 'sun' };
    expect(fires(calendar(on, '03:00', 'Pacific/Chatham'), '2025-04-01T00:00:00Z', 1)).toEqual([
      '2025-04-05T13:15:00.000Z 2025-04-06T03:00:00+13:45',
    ]);
    expect(
      fires(calendar(on, '03:00', 'Pacific/Chatham', { overlap: 'both' }), '2025-04-01T00:00:00Z', 3),
    ).toEqual([
      '2025-04-05T13:15:00.000Z 2025-04-06T03:00:00+13:45',
      '2025-04-05T14:15:00.000Z 2025-04-06T03:00:00+12:45 second_occurrence',
      '2025-05-03T14:15:00.000Z 2025-05-04T03:00:00+12:45',
    ]);
  });
});

describe('last business day', () => {
  const rule = calendar({ type: 'last_business_day' }, '18:00', 'Europe/Berlin');

  it('the 31st is a Saturday: Friday the 30th', () => {
    expect(fires(rule, '2025-05-01T00:00:00Z', 1)).toEqual([
      '2025-05-30T16:00:00.000Z 2025-05-30T18:00:00+02:00',
    ]);
  });

  it('the 31st a Saturday, the 30th and 29th holidays: Wednesday the 28th', () => {
    expect(fires(rule, '2025-05-01T00:00:00Z', 1, ['2025-05-29', '2025-05-30'])).toEqual([
      '2025-05-28T16:00:00.000Z 2025-05-28T18:00:00+02:00',
    ]);
  });

  it('October 2026: the 31st is a Saturday, the 30th a holiday, in winter time', () => {
    expect(fires(rule, '2026-10-01T00:00:00Z', 2, ['2026-10-30'])).toEqual([
      '2026-10-29T17:00:00.000Z 2026-10-29T18:00:00+01:00',
      '2026-11-30T17:00:00.000Z 2026-11-30T18:00:00+01:00',
    ]);
  });

  it('once this month’s has passed, next month’s', () => {
    expect(fires(rule, '2025-05-30T16:00:00Z', 1)).toEqual([
      '2025-06-30T16:00:00.000Z 2025-06-30T18:00:00+02:00',
    ]);
  });
});

describe('nth business day', () => {
  const third = calendar({ type: 'nth_business_day', nth: 3 }, '09:00', 'America/New_York');

  it('3rd business day of January 2026 with New Year’s Day a holiday: Fri 2 (1), Mon 5 (2), Tue 6 (3)', () => {
    expect(fires(third, '2025-12-31T00:00:00Z', 1, ['2026-01-01'])).toEqual([
      '2026-01-06T14:00:00.000Z 2026-01-06T09:00:00-05:00',
    ]);
    expect(fires(third, '2025-12-31T00:00:00Z', 1)).toEqual([
      '2026-01-05T14:00:00.000Z 2026-01-05T09:00:00-05:00',
    ]);
  });

  it('1st business day after a holiday on the 1st', () => {
    const first = calendar({ type: 'nth_business_day', nth: 1 }, '09:00', 'America/New_York');
    expect(fires(first, '2025-12-31T00:00:00Z', 2, ['2026-01-01', '2026-02-02'])).toEqual([
      '2026-01-02T14:00:00.000Z 2026-01-02T09:00:00-05:00',
      '2026-02-03T14:00:00.000Z 2026-02-03T09:00:00-05:00',
    ]);
  });

  it('a month with fewer business days than asked is skipped', () => {
    // February 2026 has 20 weekdays; March 2026 has 22
    const twentySecond = calendar({ type: 'nth_business_day', nth: 22 }, '09:00', 'UTC');
    expect(fires(twentySecond, '2026-02-01T00:00:00Z', 1)).toEqual([
      '2026-03-31T09:00:00.000Z 2026-03-31T09:00:00+00:00',
    ]);
  });
});
