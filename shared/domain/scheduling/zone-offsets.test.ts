import { describe, expect, it } from 'vitest';
import { formatLocalIso, wallMs } from './local-time';
import { resolveLocalTime } from './resolve-local-time';
import { isValidTimeZone } from './time-zone';
import { offsetAt } from './zone-offsets';

const minutes = (ms: number) => ms / 60_000;
const at = (iso: string) => Date.parse(iso);

describe('offsetAt', () => {
  it.each([
    ['Asia/Kolkata', '2025-01-15T00:00:00Z', 330],
    ['Asia/Kathmandu', '2025-07-15T00:00:00Z', 345],
    ['America/St_Johns', '2025-01-15T00:00:00Z', -210],
    ['Australia/Adelaide', '2025-01-15T00:00:00Z', 630],
    ['Australia/Adelaide', '2025-07-15T00:00:00Z', 570],
    ['Pacific/Chatham', '2025-01-15T00:00:00Z', 825],
    ['Pacific/Chatham', '2025-07-15T00:00:00Z', 765],
    ['UTC', '2025-07-15T00:00:00Z', 0],
  ])('%s at %s: %i minutes', (zone, instant, expected) => {
    expect(minutes(offsetAt(zone, at(instant)))).toBe(expected);
  });

  it.each([
    ['America/New_York', '2025-03-09T07:00:00Z', -300, -240],
    ['America/New_York', '2025-11-02T06:00:00Z', -240, -300],
    ['Europe/Berlin', '2025-03-30T01:00:00Z', 60, 120],
    ['Australia/Lord_Howe', '2025-10-04T15:30:00Z', 630, 660],
    ['Australia/Lord_Howe', '2025-04-05T15:00:00Z', 660, 630],
    ['Pacific/Chatham', '2025-09-27T14:00:00Z', 765, 825],
    ['Pacific/Chatham', '2025-04-05T14:00:00Z', 825, 765],
  ])('%s changes at %s exactly (%i → %i)', (zone, transition, before, after) => {
    expect(minutes(offsetAt(zone, at(transition) - 1000))).toBe(before);
    expect(minutes(offsetAt(zone, at(transition)))).toBe(after);
  });
});

describe('resolveLocalTime', () => {
  it('a gap gives the compatible (shifted forward) instant', () => {
    expect(resolveLocalTime('America/New_York', wallMs(2025, 3, 9, 2, 30))).toEqual({
      kind: 'gap',
      shifted: at('2025-03-09T07:30:00Z'),
    });
    expect(resolveLocalTime('Australia/Lord_Howe', wallMs(2025, 10, 5, 2, 0))).toEqual({
      kind: 'gap',
      shifted: at('2025-10-04T15:30:00Z'),
    });
  });

  it('an overlap gives both instants', () => {
    expect(resolveLocalTime('Pacific/Chatham', wallMs(2025, 4, 6, 2, 45))).toEqual({
      kind: 'overlap',
      earlier: at('2025-04-05T13:00:00Z'),
      later: at('2025-04-05T14:00:00Z'),
    });
  });

  it('the edges of a gap and an overlap are exact', () => {
    expect(resolveLocalTime('America/New_York', wallMs(2025, 3, 9, 3, 0))).toEqual({
      kind: 'exact',
      utc: at('2025-03-09T07:00:00Z'),
    });
    expect(resolveLocalTime('America/New_York', wallMs(2025, 3, 9, 1, 59, 59))).toEqual({
      kind: 'exact',
      utc: at('2025-03-09T06:59:59Z'),
    });
    expect(resolveLocalTime('America/New_York', wallMs(2025, 11, 2, 2, 0))).toEqual({
      kind: 'exact',
      utc: at('2025-11-02T07:00:00Z'),
    });
    expect(resolveLocalTime('America/New_York', wallMs(2025, 11, 2, 0, 59, 59))).toEqual({
      kind: 'exact',
      utc: at('2025-11-02T04:59:59Z'),
    });
  });
});

describe('time zone names and local formatting', () => {
  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Etc/GMT-14', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Europe/Nowhere', false],
    ['+05:30', false],
    ['', false],
  ])('%s valid: %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it('writes the offset as ±hh:mm (and milliseconds only when present)', () => {
    expect(formatLocalIso(at('2025-06-01T00:00:00Z'), -210 * 60_000)).toBe('2025-05-31T20:30:00-03:30');
    expect(formatLocalIso(at('2025-06-01T00:00:00.250Z'), 825 * 60_000)).toBe(
      '2025-06-01T13:45:00.250+13:45',
    );
    expect(formatLocalIso(at('2025-06-01T00:00:00Z'), 0)).toBe('2025-06-01T00:00:00+00:00');
  });
});
