import { describe, expect, it } from 'vitest';
import { formatEvery, parseEvery, type IntervalUnit } from './interval-every';

describe('interval ↔ ISO duration', () => {
  it.each<[number, IntervalUnit, string]>([
    [15, 'minutes', 'PT15M'],
    [2, 'hours', 'PT2H'],
    [1, 'days', 'P1D'],
    [2, 'weeks', 'P2W'],
    [1, 'months', 'P1M'],
  ])('%i %s is %s and back', (amount, unit, iso) => {
    expect(formatEvery(amount, unit)).toBe(iso);
    expect(parseEvery(iso)).toEqual({ amount, unit });
  });

  it('leaves composite durations to the raw field', () => {
    expect(parseEvery('PT1H30M')).toBeNull();
    expect(parseEvery('P1Y')).toBeNull();
  });
});
