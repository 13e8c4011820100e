import { describe, expect, it } from 'vitest';
import { endOfZonedDay, startOfZonedDay, zonedDayOf } from './zoned-day';

describe('zoned days', () => {
  it('a local day starts at its zone offset, including on DST change days', () => {
    expect(startOfZonedDay('2026-01-15', 'Europe/Berlin')).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfZonedDay('2026-07-15', 'Europe/Berlin')).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfZonedDay('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfZonedDay('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfZonedDay('2026-03-01', 'UTC')).toBe('2026-03-01T00:00:00.000Z');
  });

  it('the end of a day is the last millisecond before the next one (23 h on a spring-forward day)', () => {
    expect(endOfZonedDay('2026-03-29', 'Europe/Berlin')).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfZonedDay('2026-12-31', 'Asia/Tokyo')).toBe('2026-12-31T14:59:59.999Z');
  });

  it('an instant falls on the local day of the zone', () => {
    expect(zonedDayOf('2026-03-01T23:30:00Z', 'Europe/Berlin')).toBe('2026-03-02');
    expect(zonedDayOf('2026-03-01T23:30:00Z', 'America/Los_Angeles')).toBe('2026-03-01');
  });
});
