import { describe, expect, it } from 'vitest';
import { joinCron, splitCron, checkCron } from './cron-fields';
import { cronToPreset, parseHourMinute, presetToCron, type CronPreset } from './cron-presets';
import { describeCron } from './describe-cron';

describe('preset ↔ cron', () => {
  const presets: Exclude<CronPreset, { kind: 'custom' }>[] = [
    { kind: 'hourly', minute: 15 },
    { kind: 'daily', hour: 9, minute: 0 },
    { kind: 'weekdays', hour: 8, minute: 0 },
    { kind: 'weekly', weekday: 1, hour: 7, minute: 30 },
    { kind: 'weekly', weekday: 0, hour: 23, minute: 59 },
    { kind: 'monthly', day: 31, hour: 6, minute: 5 },
  ];

  it.each(presets)('$kind round-trips through its expression', (preset) => {
    const expression = presetToCron(preset);
    expect(checkCron(expression).ok).toBe(true);
    expect(cronToPreset(expression)).toEqual(preset);
  });

  it('writes the expressions a person would', () => {
    expect(presetToCron({ kind: 'weekdays', hour: 8, minute: 0 })).toBe('0 8 * * 1-5');
    expect(presetToCron({ kind: 'monthly', day: 1, hour: 9, minute: 0 })).toBe('0 9 1 * *');
  });

  it('recognises equivalent spellings typed by hand', () => {
    expect(cronToPreset('0 8 * * MON-FRI')).toEqual({ kind: 'weekdays', hour: 8, minute: 0 });
    expect(cronToPreset('30 7 ? * mon')).toEqual({ kind: 'weekly', weekday: 1, hour: 7, minute: 30 });
    expect(cronToPreset('0 0 9 * * 7')).toEqual({ kind: 'weekly', weekday: 0, hour: 9, minute: 0 });
    expect(cronToPreset('@daily')).toEqual({ kind: 'daily', hour: 0, minute: 0 });
    expect(cronToPreset('@hourly')).toEqual({ kind: 'hourly', minute: 0 });
  });

  it('calls anything a preset cannot write custom', () => {
    for (const expression of [
      '*/5 * * * *',
      '0 8,17 * * *',
      '0 8 * 1 *',
      '0 8 1 * 1',
      '0 8 * * 1,3',
      'nonsense',
      '0 */2 * * *',
    ])
      expect(cronToPreset(expression)).toEqual({ kind: 'custom' });
  });
});

describe('fields ↔ expression', () => {
  it('splits and joins five fields, expanding shorthands and a zero seconds field', () => {
    expect(splitCron('0 8 * * 1-5')).toEqual({
      minute: '0',
      hour: '8',
      dayOfMonth: '*',
      month: '*',
      dayOfWeek: '1-5',
    });
    expect(splitCron('@weekly')).toEqual({
      minute: '0',
      hour: '0',
      dayOfMonth: '*',
      month: '*',
      dayOfWeek: '0',
    });
    expect(splitCron('0 */5 * * * *')?.minute).toBe('*/5');
    expect(splitCron('1 2 3')).toBeNull();
    const fields = splitCron('*/15 9-17 * * MON-FRI')!;
    expect(joinCron(fields)).toBe('*/15 9-17 * * MON-FRI');
    expect(joinCron({ ...fields, hour: ' ' })).toBe('*/15 * * * MON-FRI');
  });

  it('names the field the scheduler refuses', () => {
    expect(checkCron('0 25 * * *')).toMatchObject({ ok: false, field: 'hour' });
    expect(checkCron('0 8 * * 9')).toMatchObject({ ok: false, field: 'dayOfWeek' });
    expect(checkCron('0 8 *')).toMatchObject({ ok: false, field: null });
    expect(checkCron('0 8 * * 1-5')).toEqual({ ok: true, message: null, field: null });
  });
});

describe('the sentence', () => {
  it('reads the expression in plain English with a 24-hour clock', () => {
    expect(describeCron('0 8 * * 1-5')).toBe('At 08:00, Monday through Friday');
    expect(describeCron('not cron')).toBeNull();
    expect(parseHourMinute('8:05')).toEqual({ hour: 8, minute: 5 });
    expect(parseHourMinute('24:00')).toBeNull();
  });
});
