import { describe, expect, it } from 'vitest';
import { ScheduleRule } from './schedule-rule';

const issue = (input: unknown) => {
  const result = ScheduleRule.safeParse(input);
  if (result.success) return null;
  const first = result.error.issues[0];
  return { path: first?.path.join('.'), message: first?.message };
};
const cron = { kind: 'cron', expression: '0 9 * * 1-5', timezone: 'Europe/Berlin' };

describe('ScheduleRule', () => {
  it('fills the DST policy defaults (shift_forward / first)', () => {
    expect(ScheduleRule.parse(cron)).toEqual({ ...cron, dst: { gap: 'shift_forward', overlap: 'first' } });
    expect(ScheduleRule.parse({ ...cron, dst: { overlap: 'both' } }).dst).toEqual({
      gap: 'shift_forward',
      overlap: 'both',
    });
  });

  it.each([
    [
      { ...cron, timezone: 'Mars/Olympus_Mons' },
      'timezone',
      'must be an IANA time zone name such as Europe/Berlin or UTC',
    ],
    [
      { ...cron, timezone: '+02:00' },
      'timezone',
      'must be an IANA time zone name such as Europe/Berlin or UTC',
    ],
    [{ ...cron, timezone: '' }, 'timezone', 'must be an IANA time zone name such as Europe/Berlin or UTC'],
    [
      { ...cron, expression: '0 9 * * 1-8' },
      'expression',
      'Invalid cron expression "0 9 * * 1-8": day-of-week field "1-8": 8 is out of range 0-7',
    ],
    [{ ...cron, dst: { gap: 'later' } }, 'dst.gap', undefined],
    [{ ...cron, every: 'PT1H' }, '', undefined],
    [{ ...cron, startAt: '2025-06-01T10:00:00' }, 'startAt', undefined],
    [
      { ...cron, startAt: '2025-06-02T00:00:00Z', endAt: '2025-06-01T00:00:00Z' },
      'endAt',
      'endAt must not be before startAt',
    ],
    [{ kind: 'interval', every: 'PT1H', timezone: 'UTC' }, 'startAt', undefined],
    [
      { kind: 'interval', every: 'PT30S', timezone: 'UTC', startAt: '2025-06-01T00:00:00Z' },
      'every',
      'Invalid ISO 8601 duration "PT30S": an interval must be at least 1 minute',
    ],
    [
      { kind: 'interval', every: 'P1DT12H', timezone: 'UTC', startAt: '2025-06-01T00:00:00Z' },
      'every',
      'Invalid ISO 8601 duration "P1DT12H": an interval is either calendar units (Y, M, W, D) or clock units (H, M, S), not both: write PT36H or P1D',
    ],
    [
      { kind: 'calendar', time: '24:00', on: { type: 'weekdays' }, timezone: 'UTC' },
      'time',
      'must be a time of day HH:mm (00:00–23:59)',
    ],
    [
      { kind: 'calendar', time: '9:00', on: { type: 'weekdays' }, timezone: 'UTC' },
      'time',
      'must be a time of day HH:mm (00:00–23:59)',
    ],
    [
      {
        kind: 'calendar',
        time: '09:00',
        on: { type: 'nth_weekday', nth: 6, weekday: 'mon' },
        timezone: 'UTC',
      },
      'on.nth',
      undefined,
    ],
    [
      {
        kind: 'calendar',
        time: '09:00',
        on: { type: 'nth_weekday', nth: 1, weekday: 'monday' },
        timezone: 'UTC',
      },
      'on.weekday',
      undefined,
    ],
    [
      { kind: 'calendar', time: '09:00', on: { type: 'nth_business_day', nth: 0 }, timezone: 'UTC' },
      'on.nth',
      undefined,
    ],
    [{ kind: 'calendar', time: '09:00', on: { type: 'fortnightly' }, timezone: 'UTC' }, 'on.type', undefined],
    [{ kind: 'once', at: '2025-02-29T10:00', timezone: 'UTC' }, 'at', undefined],
    [{ kind: 'once', at: '2025-06-01 10:00', timezone: 'UTC' }, 'at', undefined],
    [{ kind: 'yearly', timezone: 'UTC' }, 'kind', undefined],
  ])('rejects %j at %s', (input, path, message) => {
    const found = issue(input);
    expect(found?.path).toBe(path);
    if (message) expect(found?.message).toBe(message);
  });

  it.each([
    { kind: 'interval', every: 'P1M', timezone: 'Asia/Kathmandu', startAt: '2025-01-31T09:00:00+05:45' },
    {
      kind: 'interval',
      every: 'PT1M',
      timezone: 'UTC',
      startAt: '2025-01-31T09:00:00Z',
      endAt: '2025-01-31T09:00:00Z',
    },
    {
      kind: 'calendar',
      time: '23:59',
      on: { type: 'nth_weekday', nth: 'last', weekday: 'fri' },
      timezone: 'Pacific/Chatham',
    },
    {
      kind: 'calendar',
      time: '00:00',
      on: { type: 'nth_business_day', nth: 23 },
      timezone: 'Australia/Lord_Howe',
    },
    { kind: 'once', at: '2025-06-01T10:00', timezone: 'America/New_York' },
    { kind: 'once', at: '2025-06-01T10:00:00.250-03:30', timezone: 'America/St_Johns' },
    { ...cron, timezone: 'UTC' },
    { ...cron, timezone: 'Etc/GMT+5' },
  ])('accepts %j', (input) => {
    expect(issue(input)).toBeNull();
  });
});
