import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { checkIsoDuration, fixedDurationMs, parseIsoDuration } from './iso-duration';
import { checkIntervalStep } from './interval-step';

describe('ISO 8601 durations', () => {
  it('reads every unit', () => {
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
    expect(parseIsoDuration('pt15m')).toMatchObject({ minutes: 15, months: 0 });
    expect(parseIsoDuration('P1M')).toMatchObject({ months: 1, minutes: 0 });
  });

  it.each([
    ['15m', 'it must start with "P" (e.g. PT15M, P1D, P1M)'],
    ['', 'it must start with "P" (e.g. PT15M, P1D, P1M)'],
    ['-P1D', 'signed durations are not allowed'],
    ['P', 'it has no amount (e.g. PT15M, P1D)'],
    ['PT', 'it has no amount (e.g. PT15M, P1D)'],
    ['P1DT', '"T" must be followed by hours, minutes or seconds'],
    ['PT1.5H', 'fractions are not supported: use a smaller unit (PT90M, not PT1.5H)'],
    ['P1H', 'hours, minutes and seconds come after "T", years to days before it (P1DT2H)'],
    ['PT1D', 'hours, minutes and seconds come after "T", years to days before it (P1DT2H)'],
    ['P1X', '"X" is not a duration unit (Y M W D, then T H M S)'],
    ['PT15M1H', 'units must each appear once, in the order Y M W D T H M S, each after a whole number'],
    ['P1M1M', 'units must each appear once, in the order Y M W D T H M S, each after a whole number'],
    ['P99999999D', 'an amount is too large'],
  ])('rejects %j: %s', (text, reason) => {
    expect(checkIsoDuration(text)).toEqual({ ok: false, reason });
  });

  it('throws a VALIDATION_ERROR naming the field', () => {
    expect(() => parseIsoDuration('1 hour', 'every')).toThrow(AppError);
    expect(() => parseIsoDuration('1 hour', 'every')).toThrow(
      'Invalid ISO 8601 duration "1 hour": it must start with "P"',
    );
  });

  it('fixed length: days are 24 hours, months and years have none', () => {
    expect(fixedDurationMs(parseIsoDuration('P1DT1H'))).toBe(25 * 3_600_000);
    expect(fixedDurationMs(parseIsoDuration('P1W'))).toBe(7 * 86_400_000);
    expect(fixedDurationMs(parseIsoDuration('P1Y'))).toBeNull();
  });
});

describe('interval steps', () => {
  it.each([
    ['PT15M', { kind: 'elapsed', ms: 900_000 }],
    ['PT90S', { kind: 'elapsed', ms: 90_000 }],
    ['PT1M', { kind: 'elapsed', ms: 60_000 }],
    ['P1D', { kind: 'calendar', months: 0, days: 1 }],
    ['P2W', { kind: 'calendar', months: 0, days: 14 }],
    ['P1Y1M', { kind: 'calendar', months: 13, days: 0 }],
  ])('%s', (text, step) => {
    expect(checkIntervalStep(text)).toEqual({ ok: true, step });
  });

  it.each([
    ['PT59S', 'Invalid ISO 8601 duration "PT59S": an interval must be at least 1 minute'],
    ['P0D', 'Invalid ISO 8601 duration "P0D": an interval must be at least 1 minute'],
    ['P101Y', 'Invalid ISO 8601 duration "P101Y": an interval may be at most 100 years'],
  ])('rejects %s', (text, message) => {
    expect(checkIntervalStep(text)).toEqual({ ok: false, message });
  });
});
