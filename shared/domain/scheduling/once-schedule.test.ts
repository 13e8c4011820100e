import { describe, expect, it } from 'vitest';
import type { Fire } from './fire';
import { nextFire, nextFires } from './next-fires';
import { ScheduleRule } from './schedule-rule';

type Dst = { gap?: 'shift_forward' | 'skip'; overlap?: 'first' | 'both' };
const show = (f: Fire | null) => f && [f.utc.toISOString(), f.local, f.dstAdjusted].filter(Boolean).join(' ');
const once = (at: string, timezone: string, extra: { dst?: Dst; startAt?: string; endAt?: string } = {}) =>
  ScheduleRule.parse({ kind: 'once', at, timezone, ...extra });

describe('once', () => {
  it('an instant fires once, strictly after `after`', () => {
    const rule = once('2025-06-01T09:00:00Z', 'Europe/Berlin');
    expect(show(nextFire(rule, new Date('2025-05-01T00:00:00Z')))).toBe(
      '2025-06-01T09:00:00.000Z 2025-06-01T11:00:00+02:00',
    );
    expect(nextFires(rule, new Date('2025-05-01T00:00:00Z'), 5)).toHaveLength(1);
    expect(nextFire(rule, new Date('2025-06-01T09:00:00Z'))).toBeNull();
  });

  it('in the past → none', () => {
    expect(nextFire(once('2020-01-01T00:00:00Z', 'UTC'), new Date('2025-01-01T00:00:00Z'))).toBeNull();
    expect(nextFires(once('2020-01-01T00:00', 'Asia/Kolkata'), new Date('2025-01-01T00:00:00Z'), 3)).toEqual(
      [],
    );
  });

  it('an instant with an offset', () => {
    expect(
      show(nextFire(once('2025-06-01T09:00:00+05:45', 'Asia/Kolkata'), new Date('2025-01-01T00:00:00Z'))),
    ).toBe('2025-06-01T03:15:00.000Z 2025-06-01T08:45:00+05:30');
  });

  it('a local time is read in the zone', () => {
    expect(
      show(nextFire(once('2025-06-01T09:00', 'Pacific/Chatham'), new Date('2025-01-01T00:00:00Z'))),
    ).toBe('2025-05-31T20:15:00.000Z 2025-06-01T09:00:00+12:45');
  });

  it('a local time in the gap is shifted forward, or never fires with gap: skip', () => {
    const after = new Date('2025-01-01T00:00:00Z');
    expect(show(nextFire(once('2025-03-09T02:30:00', 'America/New_York'), after))).toBe(
      '2025-03-09T07:30:00.000Z 2025-03-09T03:30:00-04:00 shifted_forward',
    );
    expect(
      nextFire(once('2025-03-09T02:30:00', 'America/New_York', { dst: { gap: 'skip' } }), after),
    ).toBeNull();
  });

  it('a repeated local time fires once, at the first occurrence, even with overlap: both', () => {
    const rule = once('2025-11-02T01:30', 'America/New_York', { dst: { overlap: 'both' } });
    expect(nextFires(rule, new Date('2025-01-01T00:00:00Z'), 3).map(show)).toEqual([
      '2025-11-02T05:30:00.000Z 2025-11-02T01:30:00-04:00',
    ]);
  });

  it('outside startAt / endAt → none', () => {
    const after = new Date('2025-01-01T00:00:00Z');
    expect(
      nextFire(once('2025-06-01T09:00:00Z', 'UTC', { endAt: '2025-05-31T00:00:00Z' }), after),
    ).toBeNull();
    expect(
      nextFire(once('2025-06-01T09:00:00Z', 'UTC', { startAt: '2025-06-02T00:00:00Z' }), after),
    ).toBeNull();
  });
});
