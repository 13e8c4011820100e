import { describe, expect, it } from 'vitest';
import { testConnectionString } from '../../../test/support/storage';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { runIdForFire } from './run-id-for-fire';
import {
  InjectedFault,
  TENANT,
  createSweepKit,
  minutes,
  type FaultMode,
  type FaultPoint,
} from './testing/sweep-test-kit';

/**
 * The crash argument of docs/scheduler.md, tested: a failure at each step of a sweep — before the step takes
 * effect, or after it did (a lost reply, a crash) — then sweeps until one succeeds, then every published message
 * through the real consumer use case. No fire may be lost or doubled: exactly the expected runs exist, each
 * started once; the schedule and its due row are where they should be.
 */
interface Scenario {
  name: string;
  /** The schedule as created at `created`; the sweeps run at `sweepAt`. */
  created: string;
  sweepAt: string;
  schedule: Parameters<ReturnType<typeof createSweepKit>['createSchedule']>[0];
  fired: string[];
  missed: string[];
  nextRunAt: string;
  points: FaultPoint[];
}

const scenarios: Scenario[] = [
  {
    name: 'an ordinary fire',
    created: '2026-11-28T10:00:20Z',
    sweepAt: '2026-11-28T10:00:45Z',
    schedule: { id: 'every-minute' },
    fired: ['2026-11-28T10:01:00.000Z'],
    missed: [],
    nextRunAt: '2026-11-28T10:02:00.000Z',
    points: [
      'gates.open',
      'bus.publish',
      'gates.markPublished',
      'dueIndex.add',
      'schedules.replace',
      'dueIndex.remove',
    ],
  },
  {
    // Down from 10:00:30 to 10:05:30: fires 10:01–10:05 are late; fire_all runs the latest two, records the rest
    // missed, then the 10:06 fire (inside the look-ahead) goes out as usual.
    name: 'a catch-up after downtime (fire_all, cap 2)',
    created: '2026-11-28T10:00:30Z',
    sweepAt: '2026-11-28T10:05:30Z',
    schedule: { id: 'catch-up', misfirePolicy: { kind: 'fire_all', cap: 2, window: 'PT1H' } },
    fired: minutes('2026-11-28T10:04:00Z', 3),
    missed: minutes('2026-11-28T10:01:00Z', 3),
    nextRunAt: '2026-11-28T10:07:00.000Z',
    points: [
      'gates.open',
      'bus.publish',
      'gates.markPublished',
      'runs.insert',
      'dueIndex.add',
      'schedules.replace',
      'dueIndex.remove',
    ],
  },
];

/** A message published twice (same id) is expected only where the gate cannot yet tell it went out. */
const duplicateExpected = (point: FaultPoint, mode: FaultMode) =>
  (point === 'bus.publish' && mode === 'after') || (point === 'gates.markPublished' && mode === 'before');

describe.each(scenarios)('sweep with a failure injected: $name', (scenario) => {
  const cases = scenario.points.flatMap((point) =>
    (['before', 'after'] as const).map((mode) => ({ point, mode })),
  );

  it.each(cases)('$point fails $mode it takes effect: no fire lost or doubled', async ({ point, mode }) => {
    const kit = createSweepKit(testConnectionString(), new Date(scenario.created));
    await kit.createSchedule(scenario.schedule);
    kit.clock.now = new Date(scenario.sweepAt);
    kit.inject(point, mode);

    const first = await kit.sweep();
    expect(first.failures.map((f) => f.error)).toEqual([expect.any(InjectedFault)]);
    await kit.sweepUntilClean();
    await kit.deliver();

    const id = scenario.schedule.id;
    const runId = (fireTime: string) => runIdForFire({ tenantId: TENANT, scheduleId: id, fireTime });
    const publishedIds = kit.published.map((m) => m.messageId);
    expect(new Set(publishedIds)).toEqual(new Set(scenario.fired.map(runId)));
    expect(publishedIds.length - scenario.fired.length).toBe(duplicateExpected(point, mode) ? 1 : 0);
    expect(kit.published.every((m) => m.messageId === runId((m.body as ExecutionRequested).fireTime!))).toBe(
      true,
    );

    const runs = await kit.runs();
    const byStatus = (status: string) =>
      runs
        .filter((r) => r.status === status)
        .map((r) => r.fireTime)
        .sort();
    expect(byStatus('queued')).toEqual(scenario.fired);
    expect(byStatus('missed')).toEqual(scenario.missed);
    expect(runs).toHaveLength(scenario.fired.length + scenario.missed.length);
    expect([...kit.started].sort()).toEqual(scenario.fired.map(runId).sort());

    expect((await kit.repos.schedules.get(TENANT, id))?.doc.nextRunAt).toBe(scenario.nextRunAt);
    expect(await kit.rows()).toEqual([{ tenantId: TENANT, scheduleId: id, fireTime: scenario.nextRunAt }]);
  });
});

describe('a retried catch-up', () => {
  it('makes the plan it first made, even when the retry comes much later', async () => {
    const kit = createSweepKit(testConnectionString(), new Date('2026-11-28T10:00:30Z'));
    await kit.createSchedule({ id: 'once', misfirePolicy: { kind: 'fire_once' } });
    kit.clock.now = new Date('2026-11-28T10:05:30Z');
    kit.inject('runs.insert', 'before');
    expect((await kit.sweep()).failures).toHaveLength(1); // 10:05 published, 10:01–10:04 not all recorded yet
    kit.clock.now = new Date('2026-11-28T10:30:30Z');
    await kit.sweepUntilClean();
    await kit.deliver();
    const runs = await kit.runs();
    // The first plan (made at 10:05:30) stands: 10:05 ran, 10:01–10:04 missed. The next catch-up, from 10:06 to
    // 10:30:30, is a plan of its own: 10:30 runs, 10:06–10:29 are missed; 10:31 is published ahead.
    const queued = runs.filter((r) => r.status === 'queued').map((r) => r.fireTime);
    expect(queued.sort()).toEqual([
      '2026-11-28T10:05:00.000Z',
      '2026-11-28T10:30:00.000Z',
      '2026-11-28T10:31:00.000Z',
    ]);
    expect(runs.filter((r) => r.status === 'missed')).toHaveLength(4 + 24);
  });
});
