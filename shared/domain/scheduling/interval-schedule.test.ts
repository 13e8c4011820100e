import { describe, expect, it } from 'vitest';
import type { Fire } from './fire';
import { nextFire, nextFires } from './next-fires';
import { ScheduleRule } from './schedule-rule';

type Dst = { gap?: 'shift_forward' | 'skip'; overlap?: 'first' | 'both' };
const show = (f: Fire) => [f.utc.toISOString(), f.local, f.dstAdjusted].filter(Boolean).join(' ');
const interval = (
  every: string,
  startAt: string,
  timezone: string,
  extra: { endAt?: string; dst?: Dst } = {},
) => ScheduleRule.parse({ kind: 'interval', every, startAt, timezone, ...extra });
const fires = (rule: ScheduleRule, after: string, count: number) =>
  nextFires(rule, new Date(after), count).map(show);

describe('elapsed-time intervals (PTnH, PTnM) ignore wall clocks', () => {
  it('PT15M runs straight through the spring-forward gap', () => {
    expect(
      fires(interval('PT15M', '2025-03-09T06:15:00Z', 'America/New_York'), '2025-03-09T06:40:00Z', 3),
    ).toEqual([
      '2025-03-09T06:45:00.000Z 2025-03-09T01:45:00-05:00',
      '2025-03-09T07:00:00.000Z 2025-03-09T03:00:00-04:00',
      '2025-03-09T07:15:00.000Z 2025-03-09T03:15:00-04:00',
    ]);
  });

  it('PT1H fires in both 01:00 hours of a fall-back night, neither marked adjusted', () => {
    expect(
      fires(interval('PT1H', '2025-11-02T04:00:00Z', 'America/New_York'), '2025-11-01T00:00:00Z', 4),
    ).toEqual([
      '2025-11-02T04:00:00.000Z 2025-11-02T00:00:00-04:00',
      '2025-11-02T05:00:00.000Z 2025-11-02T01:00:00-04:00',
      '2025-11-02T06:00:00.000Z 2025-11-02T01:00:00-05:00',
      '2025-11-02T07:00:00.000Z 2025-11-02T02:00:00-05:00',
    ]);
  });

  it('stays on the anchor grid years later', () => {
    const rule = interval('PT45M', '2020-01-01T00:10:00Z', 'Asia/Kathmandu');
    // 2020-01-01 → 2025-06-01 is 1,978 days = 2,848,320 minutes = 63,296 steps of 45: 00:10Z is on the grid
    expect(fires(rule, '2025-06-01T00:00:00Z', 2)).toEqual([
      '2025-06-01T00:10:00.000Z 2025-06-01T05:55:00+05:45',
      '2025-06-01T00:55:00.000Z 2025-06-01T06:40:00+05:45',
    ]);
  });
});

describe('calendar-step intervals (PnD, PnW, PnM, PnY) keep the local wall time', () => {
  it('P1D across spring forward: the anchor 02:30 is shifted once, then comes back', () => {
    const rule = interval('P1D', '2025-03-07T07:30:00Z', 'America/New_York'); // 02:30 EST
    expect(fires(rule, '2025-03-01T00:00:00Z', 4)).toEqual([
      '2025-03-07T07:30:00.000Z 2025-03-07T02:30:00-05:00',
      '2025-03-08T07:30:00.000Z 2025-03-08T02:30:00-05:00',
      '2025-03-09T07:30:00.000Z 2025-03-09T03:30:00-04:00 shifted_forward',
      '2025-03-10T06:30:00.000Z 2025-03-10T02:30:00-04:00',
    ]);
  });

  it('P1D across spring forward with gap: skip', () => {
    const rule = interval('P1D', '2025-03-07T07:30:00Z', 'America/New_York', { dst: { gap: 'skip' } });
    expect(fires(rule, '2025-03-07T07:30:00Z', 2)).toEqual([
      '2025-03-08T07:30:00.000Z 2025-03-08T02:30:00-05:00',
      '2025-03-10T06:30:00.000Z 2025-03-10T02:30:00-04:00',
    ]);
  });

  it('P1D across fall back with overlap: both', () => {
    const rule = interval('P1D', '2025-10-31T05:30:00Z', 'America/New_York', { dst: { overlap: 'both' } }); // 01:30 EDT
    expect(fires(rule, '2025-11-01T06:00:00Z', 3)).toEqual([
      '2025-11-02T05:30:00.000Z 2025-11-02T01:30:00-04:00',
      '2025-11-02T06:30:00.000Z 2025-11-02T01:30:00-05:00 second_occurrence',
      '2025-11-03T06:30:00.000Z 2025-11-03T01:30:00-05:00',
    ]);
  });

  it('P1W across Lord Howe spring forward: 02:15 → 02:45 that week', () => {
    const rule = interval('P1W', '2025-09-27T15:45:00Z', 'Australia/Lord_Howe'); // Sun 09-28 02:15 +10:30
    expect(fires(rule, '2025-09-27T15:45:00Z', 2)).toEqual([
      '2025-10-04T15:45:00.000Z 2025-10-05T02:45:00+11:00 shifted_forward',
      '2025-10-11T15:15:00.000Z 2025-10-12T02:15:00+11:00',
    ]);
  });

  it('P1M from Jan 31 clamps to the month end and keeps the anchor day: Feb 29, Mar 31, Apr 30', () => {
    const rule = interval('P1M', '2024-01-31T08:00:00Z', 'Europe/Berlin'); // 09:00 CET
    expect(fires(rule, '2024-01-01T00:00:00Z', 5)).toEqual([
      '2024-01-31T08:00:00.000Z 2024-01-31T09:00:00+01:00',
      '2024-02-29T08:00:00.000Z 2024-02-29T09:00:00+01:00',
      '2024-03-31T07:00:00.000Z 2024-03-31T09:00:00+02:00',
      '2024-04-30T07:00:00.000Z 2024-04-30T09:00:00+02:00',
      '2024-05-31T07:00:00.000Z 2024-05-31T09:00:00+02:00',
    ]);
    const nonLeap = interval('P1M', '2025-01-31T08:00:00Z', 'Europe/Berlin');
    expect(fires(nonLeap, '2025-01-31T08:00:00Z', 2)).toEqual([
      '2025-02-28T08:00:00.000Z 2025-02-28T09:00:00+01:00',
      '2025-03-31T07:00:00.000Z 2025-03-31T09:00:00+02:00',
    ]);
  });

  it('P1M years after its anchor still lands on the anchor day or the month end', () => {
    const rule = interval('P1M', '2000-01-31T12:00:00Z', 'UTC');
    expect(fires(rule, '2025-02-10T00:00:00Z', 3).map((s) => s.slice(0, 24))).toEqual([
      '2025-02-28T12:00:00.000Z',
      '2025-03-31T12:00:00.000Z',
      '2025-04-30T12:00:00.000Z',
    ]);
  });

  it('P1Y from Feb 29 fires on Feb 28 in common years and Feb 29 again in leap years', () => {
    const rule = interval('P1Y', '2024-02-29T12:00:00Z', 'UTC');
    expect(fires(rule, '2024-02-29T12:00:00Z', 4).map((s) => s.slice(0, 24))).toEqual([
      '2025-02-28T12:00:00.000Z',
      '2026-02-28T12:00:00.000Z',
      '2027-02-28T12:00:00.000Z',
      '2028-02-29T12:00:00.000Z',
    ]);
  });

  it('P1Y2M steps years and months together', () => {
    const rule = interval('P1Y2M', '2025-12-31T00:00:00Z', 'UTC');
    expect(fires(rule, '2025-12-31T00:00:00Z', 2).map((s) => s.slice(0, 10))).toEqual([
      '2027-02-28',
      '2028-04-30',
    ]);
  });
});

describe('start and end', () => {
  it('the anchor is the first fire; nothing before it', () => {
    const rule = interval('PT30M', '2025-06-01T10:00:00Z', 'UTC');
    expect(nextFire(rule, new Date('2020-01-01T00:00:00Z'))?.utc.toISOString()).toBe(
      '2025-06-01T10:00:00.000Z',
    );
    expect(nextFire(rule, new Date('2025-06-01T10:00:00Z'))?.utc.toISOString()).toBe(
      '2025-06-01T10:30:00.000Z',
    );
  });

  it('nothing after endAt (a fire exactly at endAt counts)', () => {
    const rule = interval('P1D', '2025-06-01T10:00:00Z', 'UTC', { endAt: '2025-06-03T10:00:00Z' });
    expect(fires(rule, '2025-01-01T00:00:00Z', 10).map((s) => s.slice(0, 24))).toEqual([
      '2025-06-01T10:00:00.000Z',
      '2025-06-02T10:00:00.000Z',
      '2025-06-03T10:00:00.000Z',
    ]);
    expect(nextFire(rule, new Date('2025-06-03T10:00:00Z'))).toBeNull();
  });
});
