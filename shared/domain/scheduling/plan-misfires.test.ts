import { describe, expect, it } from 'vitest';
import type { Fire } from './fire';
import { MisfirePolicy } from './misfire-policy';
import { firesBetween } from './next-fires';
import { planMisfires } from './plan-misfires';
import { ScheduleRule } from './schedule-rule';

const hourly = ScheduleRule.parse({ kind: 'cron', expression: '0 * * * *', timezone: 'UTC' });
const now = new Date('2025-06-01T05:10:00Z');
/** Down from 00:30 to 05:10: the 01:00 … 05:00 fires were missed. */
const missed = firesBetween(hourly, new Date('2025-06-01T00:30:00Z'), now, {}, 100);
const hours = (fires: Fire[]) => fires.map((f) => f.utc.toISOString().slice(11, 16));
const plan = (policy: unknown, fires: readonly Fire[] = missed) => {
  const p = planMisfires(MisfirePolicy.parse(policy), fires, now);
  return { fire: hours(p.fire), missed: hours(p.missed) };
};

describe('planMisfires', () => {
  it('sees five missed fires', () => {
    expect(hours(missed)).toEqual(['01:00', '02:00', '03:00', '04:00', '05:00']);
  });

  it('skip: fires none, records all missed', () => {
    expect(plan({ kind: 'skip' })).toEqual({
      fire: [],
      missed: ['01:00', '02:00', '03:00', '04:00', '05:00'],
    });
  });

  it('fire_once: one catch-up for the latest', () => {
    expect(plan({ kind: 'fire_once' })).toEqual({
      fire: ['05:00'],
      missed: ['01:00', '02:00', '03:00', '04:00'],
    });
  });

  it('fire_once with a window: the latest if it is within the window, else none', () => {
    expect(plan({ kind: 'fire_once', window: 'PT30M' })).toEqual({
      fire: ['05:00'],
      missed: ['01:00', '02:00', '03:00', '04:00'],
    });
    expect(plan({ kind: 'fire_once', window: 'PT5M' })).toEqual({
      fire: [],
      missed: ['01:00', '02:00', '03:00', '04:00', '05:00'],
    });
  });

  it('fire_all, downtime shorter than the window and fewer misses than the cap: all of them', () => {
    expect(plan({ kind: 'fire_all', cap: 10, window: 'PT6H' })).toEqual({
      fire: ['01:00', '02:00', '03:00', '04:00', '05:00'],
      missed: [],
    });
  });

  it('fire_all, more misses than the cap: the latest `cap`', () => {
    expect(plan({ kind: 'fire_all', cap: 3, window: 'PT6H' })).toEqual({
      fire: ['03:00', '04:00', '05:00'],
      missed: ['01:00', '02:00'],
    });
  });

  it('fire_all, downtime longer than the window: only those within it (window start inclusive)', () => {
    expect(plan({ kind: 'fire_all', cap: 10, window: 'PT2H30M' })).toEqual({
      fire: ['03:00', '04:00', '05:00'],
      missed: ['01:00', '02:00'],
    });
    expect(plan({ kind: 'fire_all', cap: 10, window: 'PT3H10M' })).toEqual({
      fire: ['02:00', '03:00', '04:00', '05:00'],
      missed: ['01:00'],
    });
  });

  it('fire_all, longer than the window and over the cap', () => {
    expect(plan({ kind: 'fire_all', cap: 2, window: 'PT2H30M' })).toEqual({
      fire: ['04:00', '05:00'],
      missed: ['01:00', '02:00', '03:00'],
    });
  });

  it('a window in days counts 24 hours', () => {
    const daily = ScheduleRule.parse({ kind: 'cron', expression: '0 5 * * *', timezone: 'UTC' });
    const fires = firesBetween(daily, new Date('2025-05-25T00:00:00Z'), now, {}, 100);
    const p = planMisfires(MisfirePolicy.parse({ kind: 'fire_all', cap: 10, window: 'P2D' }), fires, now);
    expect(p.fire.map((f) => f.utc.toISOString().slice(0, 10))).toEqual(['2025-05-31', '2025-06-01']);
    expect(p.missed).toHaveLength(6); // 05-25 … 05-30
  });

  it('sorts its input and leaves fires after now out of both lists', () => {
    const later = firesBetween(hourly, now, new Date('2025-06-01T07:00:00Z'), {}, 10);
    const shuffled = [missed[3]!, later[0]!, missed[0]!, missed[4]!, missed[1]!, missed[2]!];
    expect(plan({ kind: 'fire_all', cap: 2, window: 'PT6H' }, shuffled)).toEqual({
      fire: ['04:00', '05:00'],
      missed: ['01:00', '02:00', '03:00'],
    });
    expect(plan({ kind: 'skip' }, [])).toEqual({ fire: [], missed: [] });
  });
});

describe('MisfirePolicy schema', () => {
  it.each([
    [{ kind: 'fire_all', cap: 5 }, 'window'],
    [{ kind: 'fire_all', cap: 0, window: 'PT1H' }, 'cap'],
    [{ kind: 'fire_all', cap: 1001, window: 'PT1H' }, 'cap'],
    [{ kind: 'fire_all', cap: 5, window: 'P1M' }, 'window'],
    [{ kind: 'fire_once', window: '1h' }, 'window'],
    [{ kind: 'skip', cap: 3 }, ''],
    [{ kind: 'later' }, 'kind'],
  ])('rejects %j at %s', (policy, path) => {
    const result = MisfirePolicy.safeParse(policy);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('explains a calendar window', () => {
    expect(
      MisfirePolicy.safeParse({ kind: 'fire_all', cap: 5, window: 'P1M' }).error?.issues[0]?.message,
    ).toBe('Invalid ISO 8601 duration "P1M": a window is elapsed time: use W, D, H, M or S, not Y or M');
  });
});
