import { describe, expect, it } from 'vitest';
import { testConnectionString } from '../../../test/support/storage';
import type { ExecutionRequested } from '../../contracts/run-messages';
import type { MisfirePolicy } from '../../domain/scheduling/misfire-policy';
import { MAX_MISSED_RUNS } from './plan-catch-up';
import { createSweepKit } from './testing/sweep-test-kit';

/**
 * Downtime shorter and longer than each policy's window: the scheduler is "down" between the schedule's
 * creation and the sweep. Fires it runs are published (at once, not delayed); the rest become missed runs.
 */
interface Case {
  policy: MisfirePolicy;
  cron: string;
  created: string;
  sweepAt: string;
  fired: string[];
  missed: string[];
  nextRunAt: string;
}

const at = (hhmm: string) => `2026-11-28T${hhmm}:00.000Z`;
const cases: Record<string, Case> = {
  'skip, down for less than the grace period: fires as usual': {
    policy: { kind: 'skip' },
    cron: '*/15 * * * *',
    created: '2026-11-28T07:50:00Z',
    sweepAt: '2026-11-28T08:00:45Z',
    fired: [at('08:00')],
    missed: [],
    nextRunAt: at('08:15'),
  },
  'skip, down for 35 minutes: every missed fire recorded, none run': {
    policy: { kind: 'skip' },
    cron: '*/15 * * * *',
    created: '2026-11-28T07:50:00Z',
    sweepAt: '2026-11-28T08:35:00Z',
    fired: [],
    missed: [at('08:00'), at('08:15'), at('08:30')],
    nextRunAt: at('08:45'),
  },
  'fire_once in PT30M, down less than the window: the latest fire runs': {
    policy: { kind: 'fire_once', window: 'PT30M' },
    cron: '0 * * * *',
    created: '2026-11-28T07:30:00Z',
    sweepAt: '2026-11-28T10:20:00Z',
    fired: [at('10:00')],
    missed: [at('08:00'), at('09:00')],
    nextRunAt: at('11:00'),
  },
  'fire_once in PT30M, latest fire older than the window: none runs': {
    policy: { kind: 'fire_once', window: 'PT30M' },
    cron: '0 * * * *',
    created: '2026-11-28T07:30:00Z',
    sweepAt: '2026-11-28T10:40:00Z',
    fired: [],
    missed: [at('08:00'), at('09:00'), at('10:00')],
    nextRunAt: at('11:00'),
  },
  'fire_all cap 3 in PT1H, down less than the window: all missed fires run': {
    policy: { kind: 'fire_all', cap: 3, window: 'PT1H' },
    cron: '*/15 * * * *',
    created: '2026-11-28T07:50:00Z',
    sweepAt: '2026-11-28T08:40:00Z',
    fired: [at('08:00'), at('08:15'), at('08:30')],
    missed: [],
    nextRunAt: at('08:45'),
  },
  'fire_all cap 3 in PT1H, down three hours: the latest three in the window run': {
    policy: { kind: 'fire_all', cap: 3, window: 'PT1H' },
    cron: '*/15 * * * *',
    created: '2026-11-28T07:50:00Z',
    sweepAt: '2026-11-28T11:05:00Z',
    fired: [at('10:30'), at('10:45'), at('11:00')],
    missed: ['08:00', '08:15', '08:30', '08:45', '09:00', '09:15', '09:30', '09:45', '10:00', '10:15'].map(
      at,
    ),
    nextRunAt: at('11:15'),
  },
};

describe('misfire policies after downtime', () => {
  it.each(Object.entries(cases))('%s', async (_name, c) => {
    const kit = createSweepKit(testConnectionString(), new Date(c.created));
    await kit.createSchedule({
      id: 's1',
      rule: { kind: 'cron', expression: c.cron, timezone: 'UTC' },
      misfirePolicy: c.policy,
    });
    kit.clock.now = new Date(c.sweepAt);
    const tally = await kit.sweep();
    expect(tally).toMatchObject({ published: c.fired.length, missed: c.missed.length, failures: [] });
    expect(kit.published.map((m) => (m.body as ExecutionRequested).fireTime)).toEqual(c.fired);
    const late = Date.parse(c.sweepAt) - Date.parse(c.fired[0] ?? c.sweepAt) > 60_000;
    if (late) expect(kit.published.every((m) => m.scheduledFor === undefined)).toBe(true);
    const missed = (await kit.runs()).filter((r) => r.status === 'missed');
    expect(missed.map((r) => r.fireTime).sort()).toEqual(c.missed);
    expect(missed[0]?.error?.code ?? 'MISSED_FIRE').toBe('MISSED_FIRE');
    expect((await kit.repos.schedules.get('acme', 's1'))?.doc.nextRunAt).toBe(c.nextRunAt);
    expect(await kit.sweep()).toMatchObject({ due: 0, published: 0, missed: 0 });
  });

  it('records the latest missed fires only, after a day down, and still runs the latest fire', async () => {
    const kit = createSweepKit(testConnectionString(), new Date('2026-11-27T10:00:30Z'));
    await kit.createSchedule({ id: 'minutely', misfirePolicy: { kind: 'fire_once' } });
    kit.clock.now = new Date('2026-11-28T10:00:30Z');
    const tally = await kit.sweep();
    expect(tally).toMatchObject({ published: 2, missed: MAX_MISSED_RUNS, failures: [] }); // 10:00 now, 10:01 ahead
    const missed = (await kit.runs()).filter((r) => r.status === 'missed').map((r) => r.fireTime!);
    expect(missed.sort().at(-1)).toBe('2026-11-28T09:59:00.000Z');
    expect(missed[0]).toBe('2026-11-28T08:20:00.000Z');
  });
});
