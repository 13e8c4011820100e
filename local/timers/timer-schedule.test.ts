import { describe, expect, it } from 'vitest';
import { parseTimerSchedule } from './timer-schedule';

function occurrences(expression: string, from: string, count: number): string[] {
  const schedule = parseTimerSchedule(expression);
  const result: string[] = [];
  let cursor = new Date(from);
  for (let i = 0; i < count; i++) {
    cursor = schedule.next(cursor);
    result.push(cursor.toISOString());
  }
  return result;
}

describe('timer schedules', () => {
  it.each([
    [
      '0 */5 * * * *',
      '2024-01-01T00:02:30Z',
      ['2024-01-01T00:05:00.000Z', '2024-01-01T00:10:00.000Z', '2024-01-01T00:15:00.000Z'],
    ],
    [
      '*/15 * * * * *',
      '2024-01-01T00:00:15Z',
      ['2024-01-01T00:00:30.000Z', '2024-01-01T00:00:45.000Z', '2024-01-01T00:01:00.000Z'],
    ],
    [
      '5-10/2 * * * * *',
      '2024-01-01T10:00:00Z',
      [
        '2024-01-01T10:00:05.000Z',
        '2024-01-01T10:00:07.000Z',
        '2024-01-01T10:00:09.000Z',
        '2024-01-01T10:01:05.000Z',
      ],
    ],
    ['0 30 9 * * Mon-Fri', '2024-01-05T10:00:00Z', ['2024-01-08T09:30:00.000Z', '2024-01-09T09:30:00.000Z']],
    ['0 0 0 1 Jan,Jul *', '2024-01-05T00:00:00Z', ['2024-07-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z']],
    [
      '0 0 9-17/4 * * SAT,sun',
      '2024-01-05T00:00:00Z',
      [
        '2024-01-06T09:00:00.000Z',
        '2024-01-06T13:00:00.000Z',
        '2024-01-06T17:00:00.000Z',
        '2024-01-07T09:00:00.000Z',
      ],
    ],
    ['0 0 0 L * *', '2024-02-01T00:00:00Z', ['2024-02-29T00:00:00.000Z', '2024-03-31T00:00:00.000Z']],
    // NCRONTAB: day AND day-of-week must both match (Friday the 13th), unlike Vixie cron's OR.
    [
      '0 0 12 13 * Fri',
      '2024-01-01T00:00:00Z',
      ['2024-09-13T12:00:00.000Z', '2024-12-13T12:00:00.000Z', '2025-06-13T12:00:00.000Z'],
    ],
    ['0 0 0 */1 * 1-5', '2024-01-05T12:00:00Z', ['2024-01-08T00:00:00.000Z']],
    // TimeSpan form: every interval after the given instant.
    ['00:05:00', '2024-01-01T00:02:30Z', ['2024-01-01T00:07:30.000Z', '2024-01-01T00:12:30.000Z']],
    ['1.00:00:00', '2024-01-01T00:00:00Z', ['2024-01-02T00:00:00.000Z']],
  ])('%s after %s', (expression, from, expected) => {
    expect(occurrences(expression, from, expected.length)).toEqual(expected);
  });

  it('reports the interval between occurrences (which decides the monitor default)', () => {
    expect(parseTimerSchedule('*/15 * * * * *').intervalMs).toBe(15_000);
    expect(parseTimerSchedule('0 */5 * * * *').intervalMs).toBe(300_000);
    expect(parseTimerSchedule('00:00:30').intervalMs).toBe(30_000);
  });

  it.each(['0 */5 * * *', '0 0 25 * * *', 'every day', '00:00:00', '0 0 0 * * * *', '00:61:00'])(
    'rejects %s',
    (expression) => {
      expect(() => parseTimerSchedule(expression)).toThrow(/Timer schedule/);
    },
  );
});
