/**
 * Cron fires across DST transitions. Expected instants are worked out by hand from the zones' rules:
 * - America/New_York 2025: 03-09 02:00 EST(-5) → 03:00 EDT(-4) at 07:00Z; 11-02 02:00 EDT → 01:00 EST at 06:00Z.
 * - Europe/Berlin 2025: 03-30 02:00 CET(+1) → 03:00 CEST(+2) at 01:00Z; 10-26 03:00 CEST → 02:00 CET at 01:00Z.
 * - Australia/Lord_Howe 2025 (30-minute DST): 04-06 02:00 +11 → 01:30 +10:30 at 04-05T15:00Z;
 *   10-05 02:00 +10:30 → 02:30 +11 at 10-04T15:30Z.
 * - Pacific/Chatham 2025 (45-minute base offset): 04-06 03:45 +13:45 → 02:45 +12:45 at 04-05T14:00Z;
 *   09-28 02:45 +12:45 → 03:45 +13:45 at 09-27T14:00Z.
 * - Asia/Kolkata +05:30 and Asia/Kathmandu +05:45, no DST.
 */
import { describe, expect, it } from 'vitest';
import type { Fire } from './fire';
import { nextFires } from './next-fires';
import { ScheduleRule } from './schedule-rule';

type Dst = { gap?: 'shift_forward' | 'skip'; overlap?: 'first' | 'both' };
const show = (f: Fire) => [f.utc.toISOString(), f.local, f.dstAdjusted].filter(Boolean).join(' ');
const fires = (expression: string, timezone: string, after: string, count: number, dst: Dst = {}) =>
  nextFires(ScheduleRule.parse({ kind: 'cron', expression, timezone, dst }), new Date(after), count).map(
    show,
  );

describe('America/New_York', () => {
  it('shifts a time in the spring-forward gap forward by the gap (02:30 → 03:30 EDT)', () => {
    expect(fires('30 2 * * *', 'America/New_York', '2025-03-08T12:00:00Z', 2)).toEqual([
      '2025-03-09T07:30:00.000Z 2025-03-09T03:30:00-04:00 shifted_forward',
      '2025-03-10T06:30:00.000Z 2025-03-10T02:30:00-04:00',
    ]);
  });

  it('skips a time in the gap with gap: skip', () => {
    expect(fires('30 2 * * *', 'America/New_York', '2025-03-08T12:00:00Z', 1, { gap: 'skip' })).toEqual([
      '2025-03-10T06:30:00.000Z 2025-03-10T02:30:00-04:00',
    ]);
  });

  it('keeps instant order when a shifted time lands after a real later one', () => {
    // 03:00 EDT (07:00Z) comes before 02:30 shifted to 03:30 EDT (07:30Z)
    expect(fires('0,30 2,3 * * *', 'America/New_York', '2025-03-09T06:00:00Z', 4)).toEqual([
      '2025-03-09T07:00:00.000Z 2025-03-09T03:00:00-04:00',
      '2025-03-09T07:30:00.000Z 2025-03-09T03:30:00-04:00',
      '2025-03-10T06:00:00.000Z 2025-03-10T02:00:00-04:00',
      '2025-03-10T06:30:00.000Z 2025-03-10T02:30:00-04:00',
    ]);
  });

  it('asked just after the transition, still fires the shifted 02:30 (03:30 EDT) that lies ahead', () => {
    expect(fires('30 2 * * *', 'America/New_York', '2025-03-09T07:15:00Z', 1)).toEqual([
      '2025-03-09T07:30:00.000Z 2025-03-09T03:30:00-04:00 shifted_forward',
    ]);
  });

  it('fires a repeated time once, at the first occurrence, by default', () => {
    expect(fires('30 1 * * *', 'America/New_York', '2025-11-01T12:00:00Z', 2)).toEqual([
      '2025-11-02T05:30:00.000Z 2025-11-02T01:30:00-04:00',
      '2025-11-03T06:30:00.000Z 2025-11-03T01:30:00-05:00',
    ]);
  });

  it('fires a repeated time at both occurrences with overlap: both', () => {
    expect(fires('30 1 * * *', 'America/New_York', '2025-11-01T12:00:00Z', 3, { overlap: 'both' })).toEqual([
      '2025-11-02T05:30:00.000Z 2025-11-02T01:30:00-04:00',
      '2025-11-02T06:30:00.000Z 2025-11-02T01:30:00-05:00 second_occurrence',
      '2025-11-03T06:30:00.000Z 2025-11-03T01:30:00-05:00',
    ]);
    // asked between the two occurrences, the second one is next
    expect(fires('30 1 * * *', 'America/New_York', '2025-11-02T05:30:00Z', 1, { overlap: 'both' })).toEqual([
      '2025-11-02T06:30:00.000Z 2025-11-02T01:30:00-05:00 second_occurrence',
    ]);
    expect(fires('30 1 * * *', 'America/New_York', '2025-11-02T05:30:00Z', 1)).toEqual([
      '2025-11-03T06:30:00.000Z 2025-11-03T01:30:00-05:00',
    ]);
  });

  it('fires a wildcard-hour cron at every real hour: none in the missing hour, no shifted duplicate', () => {
    expect(
      fires('0 * * * *', 'America/New_York', '2025-03-09T05:30:00Z', 3, { gap: 'shift_forward' }),
    ).toEqual([
      '2025-03-09T06:00:00.000Z 2025-03-09T01:00:00-05:00',
      '2025-03-09T07:00:00.000Z 2025-03-09T03:00:00-04:00',
      '2025-03-09T08:00:00.000Z 2025-03-09T04:00:00-04:00',
    ]);
  });

  it('fires a wildcard-hour cron twice in the repeated hour whatever the overlap policy', () => {
    const expected = [
      '2025-11-02T05:00:00.000Z 2025-11-02T01:00:00-04:00',
      '2025-11-02T06:00:00.000Z 2025-11-02T01:00:00-05:00 second_occurrence',
      '2025-11-02T07:00:00.000Z 2025-11-02T02:00:00-05:00',
    ];
    expect(fires('0 * * * *', 'America/New_York', '2025-11-02T04:30:00Z', 3, { overlap: 'first' })).toEqual(
      expected,
    );
    expect(fires('0 */1 * * *', 'America/New_York', '2025-11-02T04:30:00Z', 3)).toEqual(expected);
    expect(fires('0 0-23 * * *', 'America/New_York', '2025-11-02T04:30:00Z', 3)).toEqual(expected);
  });

  it('treats an hour list that misses an hour as specific hours (policy applies)', () => {
    expect(fires('0 1-23 * * *', 'America/New_York', '2025-11-02T04:30:00Z', 2)).toEqual([
      '2025-11-02T05:00:00.000Z 2025-11-02T01:00:00-04:00',
      '2025-11-02T07:00:00.000Z 2025-11-02T02:00:00-05:00',
    ]);
    expect(fires('0 1-23 * * *', 'America/New_York', '2025-03-09T05:30:00Z', 2)).toEqual([
      '2025-03-09T06:00:00.000Z 2025-03-09T01:00:00-05:00',
      '2025-03-09T07:00:00.000Z 2025-03-09T03:00:00-04:00', // 02:00 shifted to 03:00 EDT, the same instant as 03:00
    ]);
  });

  it('handles 6-field crons (seconds first) across both transitions', () => {
    expect(fires('30 30 2 * * *', 'America/New_York', '2025-03-08T12:00:00Z', 1)).toEqual([
      '2025-03-09T07:30:30.000Z 2025-03-09T03:30:30-04:00 shifted_forward',
    ]);
    expect(
      fires('*/20 0 1 * * *', 'America/New_York', '2025-11-02T04:59:59Z', 6, { overlap: 'both' }),
    ).toEqual([
      '2025-11-02T05:00:00.000Z 2025-11-02T01:00:00-04:00',
      '2025-11-02T05:00:20.000Z 2025-11-02T01:00:20-04:00',
      '2025-11-02T05:00:40.000Z 2025-11-02T01:00:40-04:00',
      '2025-11-02T06:00:00.000Z 2025-11-02T01:00:00-05:00 second_occurrence',
      '2025-11-02T06:00:20.000Z 2025-11-02T01:00:20-05:00 second_occurrence',
      '2025-11-02T06:00:40.000Z 2025-11-02T01:00:40-05:00 second_occurrence',
    ]);
    expect(fires('0 59 * * * *', 'America/New_York', '2025-03-09T06:30:00Z', 2)).toEqual([
      '2025-03-09T06:59:00.000Z 2025-03-09T01:59:00-05:00',
      '2025-03-09T07:59:00.000Z 2025-03-09T03:59:00-04:00',
    ]);
  });
});

describe('Europe/Berlin', () => {
  it('spring forward: shift or skip 02:30', () => {
    expect(fires('30 2 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z', 2)).toEqual([
      '2025-03-30T01:30:00.000Z 2025-03-30T03:30:00+02:00 shifted_forward',
      '2025-03-31T00:30:00.000Z 2025-03-31T02:30:00+02:00',
    ]);
    expect(fires('30 2 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z', 1, { gap: 'skip' })).toEqual([
      '2025-03-31T00:30:00.000Z 2025-03-31T02:30:00+02:00',
    ]);
  });

  it('fall back: 02:30 first, or both', () => {
    expect(fires('30 2 * * *', 'Europe/Berlin', '2025-10-25T12:00:00Z', 2)).toEqual([
      '2025-10-26T00:30:00.000Z 2025-10-26T02:30:00+02:00',
      '2025-10-27T01:30:00.000Z 2025-10-27T02:30:00+01:00',
    ]);
    expect(fires('30 2 * * *', 'Europe/Berlin', '2025-10-25T12:00:00Z', 2, { overlap: 'both' })).toEqual([
      '2025-10-26T00:30:00.000Z 2025-10-26T02:30:00+02:00',
      '2025-10-26T01:30:00.000Z 2025-10-26T02:30:00+01:00 second_occurrence',
    ]);
  });

  it('wildcard hour across both transitions', () => {
    expect(fires('15 * * * *', 'Europe/Berlin', '2025-03-30T00:30:00Z', 2)).toEqual([
      '2025-03-30T01:15:00.000Z 2025-03-30T03:15:00+02:00',
      '2025-03-30T02:15:00.000Z 2025-03-30T04:15:00+02:00',
    ]);
    expect(fires('15 * * * *', 'Europe/Berlin', '2025-10-25T23:30:00Z', 3)).toEqual([
      '2025-10-26T00:15:00.000Z 2025-10-26T02:15:00+02:00',
      '2025-10-26T01:15:00.000Z 2025-10-26T02:15:00+01:00 second_occurrence',
      '2025-10-26T02:15:00.000Z 2025-10-26T03:15:00+01:00',
    ]);
  });
});

describe('Australia/Lord_Howe (30-minute DST)', () => {
  it('spring forward: 02:15 is shifted by 30 minutes to 02:45, or skipped', () => {
    expect(fires('15 2 * * *', 'Australia/Lord_Howe', '2025-10-04T12:00:00Z', 2)).toEqual([
      '2025-10-04T15:45:00.000Z 2025-10-05T02:45:00+11:00 shifted_forward',
      '2025-10-05T15:15:00.000Z 2025-10-06T02:15:00+11:00',
    ]);
    expect(fires('15 2 * * *', 'Australia/Lord_Howe', '2025-10-04T12:00:00Z', 1, { gap: 'skip' })).toEqual([
      '2025-10-05T15:15:00.000Z 2025-10-06T02:15:00+11:00',
    ]);
  });

  it('fall back: 01:45 happens twice, 30 minutes apart', () => {
    expect(fires('45 1 * * *', 'Australia/Lord_Howe', '2025-04-05T12:00:00Z', 2)).toEqual([
      '2025-04-05T14:45:00.000Z 2025-04-06T01:45:00+11:00',
      '2025-04-06T15:15:00.000Z 2025-04-07T01:45:00+10:30',
    ]);
    expect(
      fires('45 1 * * *', 'Australia/Lord_Howe', '2025-04-05T12:00:00Z', 2, { overlap: 'both' }),
    ).toEqual([
      '2025-04-05T14:45:00.000Z 2025-04-06T01:45:00+11:00',
      '2025-04-05T15:15:00.000Z 2025-04-06T01:45:00+10:30 second_occurrence',
    ]);
  });

  it('wildcard hour: every real half hour across both transitions', () => {
    expect(fires('0,30 * * * *', 'Australia/Lord_Howe', '2025-04-05T13:45:00Z', 5)).toEqual([
      '2025-04-05T14:00:00.000Z 2025-04-06T01:00:00+11:00',
      '2025-04-05T14:30:00.000Z 2025-04-06T01:30:00+11:00',
      '2025-04-05T15:00:00.000Z 2025-04-06T01:30:00+10:30 second_occurrence',
      '2025-04-05T15:30:00.000Z 2025-04-06T02:00:00+10:30',
      '2025-04-05T16:00:00.000Z 2025-04-06T02:30:00+10:30',
    ]);
    // 02:15 does not exist that night and is not shifted to 02:45: the next :15 is 03:15
    expect(fires('15 * * * *', 'Australia/Lord_Howe', '2025-10-04T14:00:00Z', 2)).toEqual([
      '2025-10-04T14:45:00.000Z 2025-10-05T01:15:00+10:30',
      '2025-10-04T16:15:00.000Z 2025-10-05T03:15:00+11:00',
    ]);
    expect(fires('0,30 * * * *', 'Australia/Lord_Howe', '2025-10-04T14:45:00Z', 3)).toEqual([
      '2025-10-04T15:00:00.000Z 2025-10-05T01:30:00+10:30',
      '2025-10-04T15:30:00.000Z 2025-10-05T02:30:00+11:00',
      '2025-10-04T16:00:00.000Z 2025-10-05T03:00:00+11:00',
    ]);
  });
});

describe('Pacific/Chatham (+12:45 / +13:45)', () => {
  it('spring forward: 03:00 is in the 02:45–03:45 gap, shifted to 04:00 or skipped; 02:30 is untouched', () => {
    expect(fires('0 3 * * *', 'Pacific/Chatham', '2025-09-27T00:00:00Z', 2)).toEqual([
      '2025-09-27T14:15:00.000Z 2025-09-28T04:00:00+13:45 shifted_forward',
      '2025-09-28T13:15:00.000Z 2025-09-29T03:00:00+13:45',
    ]);
    expect(fires('0 3 * * *', 'Pacific/Chatham', '2025-09-27T00:00:00Z', 1, { gap: 'skip' })).toEqual([
      '2025-09-28T13:15:00.000Z 2025-09-29T03:00:00+13:45',
    ]);
    expect(fires('30 2 * * *', 'Pacific/Chatham', '2025-09-27T00:00:00Z', 1)).toEqual([
      '2025-09-27T13:45:00.000Z 2025-09-28T02:30:00+12:45',
    ]);
  });

  it('fall back: 03:00 first, or both', () => {
    expect(fires('0 3 * * *', 'Pacific/Chatham', '2025-04-05T00:00:00Z', 2)).toEqual([
      '2025-04-05T13:15:00.000Z 2025-04-06T03:00:00+13:45',
      '2025-04-06T14:15:00.000Z 2025-04-07T03:00:00+12:45',
    ]);
    expect(fires('0 3 * * *', 'Pacific/Chatham', '2025-04-05T00:00:00Z', 2, { overlap: 'both' })).toEqual([
      '2025-04-05T13:15:00.000Z 2025-04-06T03:00:00+13:45',
      '2025-04-05T14:15:00.000Z 2025-04-06T03:00:00+12:45 second_occurrence',
    ]);
  });

  it('wildcard hour across both transitions', () => {
    expect(fires('0 * * * *', 'Pacific/Chatham', '2025-04-05T12:00:00Z', 4)).toEqual([
      '2025-04-05T12:15:00.000Z 2025-04-06T02:00:00+13:45',
      '2025-04-05T13:15:00.000Z 2025-04-06T03:00:00+13:45',
      '2025-04-05T14:15:00.000Z 2025-04-06T03:00:00+12:45 second_occurrence',
      '2025-04-05T15:15:00.000Z 2025-04-06T04:00:00+12:45',
    ]);
    expect(fires('0 * * * *', 'Pacific/Chatham', '2025-09-27T13:00:00Z', 2)).toEqual([
      '2025-09-27T13:15:00.000Z 2025-09-28T02:00:00+12:45',
      '2025-09-27T14:15:00.000Z 2025-09-28T04:00:00+13:45',
    ]);
  });
});

describe('zones without DST', () => {
  it('Asia/Kolkata (+05:30): a local 02:30 is the previous UTC day; no policy changes anything', () => {
    const expected = [
      '2025-03-08T21:00:00.000Z 2025-03-09T02:30:00+05:30',
      '2025-03-09T21:00:00.000Z 2025-03-10T02:30:00+05:30',
    ];
    expect(fires('30 2 * * *', 'Asia/Kolkata', '2025-03-08T12:00:00Z', 2)).toEqual(expected);
    expect(
      fires('30 2 * * *', 'Asia/Kolkata', '2025-03-08T12:00:00Z', 2, { gap: 'skip', overlap: 'both' }),
    ).toEqual(expected);
  });

  it('Asia/Kolkata: wildcard hours and 6-field crons', () => {
    expect(fires('0 0 * * * *', 'Asia/Kolkata', '2025-11-02T05:00:00Z', 2)).toEqual([
      '2025-11-02T05:30:00.000Z 2025-11-02T11:00:00+05:30',
      '2025-11-02T06:30:00.000Z 2025-11-02T12:00:00+05:30',
    ]);
  });

  it('Asia/Kathmandu (+05:45)', () => {
    expect(fires('0 9 * * 1-5', 'Asia/Kathmandu', '2025-06-06T12:00:00Z', 2)).toEqual([
      '2025-06-09T03:15:00.000Z 2025-06-09T09:00:00+05:45',
      '2025-06-10T03:15:00.000Z 2025-06-10T09:00:00+05:45',
    ]);
  });
});
