import { describe, expect, it } from 'vitest';
import { testConnectionString } from '../../../test/support/storage';
import { ExecutionBatchRequested } from '../../contracts/run-messages';
import { runIdForFire } from './run-id-for-fire';
import {
  InjectedFault,
  TENANT,
  createSweepKit,
  type FaultMode,
  type FaultPoint,
} from './testing/sweep-test-kit';

/**
 * The crash argument of docs/scheduler.md with batched fires: five schedules of two tenants fire at the same
 * instant, so one sweep sends them as one ExecutionBatchRequested and the consumer admits them together (a
 * tenant's run rows and its daily count in one transaction). A failure at each step of the sweep and of the
 * consumer — before it takes effect or after — then sweeps until clean and deliveries until each message is
 * handled: every fire runs exactly once and the daily quota counts each fire exactly once (the count is written
 * with the run row, so there is no step between them to fail).
 */
const OTHER = 'globex';
const FIRE = '2026-11-28T10:01:00.000Z';
const schedules = [
  { tenantId: TENANT, id: 'a1' },
  { tenantId: TENANT, id: 'a2' },
  { tenantId: TENANT, id: 'a3' },
  { tenantId: OTHER, id: 'b1' },
  { tenantId: OTHER, id: 'b2' },
];
const runIds = schedules.map((s) => runIdForFire({ tenantId: s.tenantId, scheduleId: s.id, fireTime: FIRE }));

const points: FaultPoint[] = [
  'gates.open',
  'bus.publish',
  'gates.markPublished',
  'dueIndex.add',
  'schedules.replace',
  'dueIndex.remove',
  'consumer.countedInsert',
  'consumer.start',
];
const inSweep = (point: FaultPoint) => !point.startsWith('consumer.');
const republished = (point: FaultPoint, mode: FaultMode) =>
  point === 'bus.publish' && mode === 'after'
    ? schedules.length
    : point === 'gates.markPublished' && mode === 'before'
      ? 1
      : 0;

async function setUp(limit?: number) {
  const kit = createSweepKit(testConnectionString(), new Date('2026-11-28T10:00:20Z'), {
    batchFires: true,
    ...(limit ? { limit } : {}),
  });
  for (const s of schedules) await kit.createSchedule(s);
  kit.clock.now = new Date('2026-11-28T10:00:45Z');
  return kit;
}

describe('batched fires with a failure injected', () => {
  const cases = points.flatMap((point) => (['before', 'after'] as const).map((mode) => ({ point, mode })));

  it.each(cases)('$point fails $mode it takes effect: no fire lost or doubled', async ({ point, mode }) => {
    const kit = await setUp();
    kit.inject(point, mode);

    const first = await kit.sweep();
    // A batch that fails to send fails every fire it carries; any other step fails its own fire.
    const failed = point === 'bus.publish' ? schedules.length : inSweep(point) ? 1 : 0;
    expect(first.failures.map((f) => f.error)).toEqual(Array(failed).fill(expect.any(InjectedFault)));
    await kit.sweepUntilClean();
    await kit.deliver();

    // Every message is a batch; each fire went out once, and again only where its gate could not tell (a
    // batch sent but not known to be: all its fires; a mark that failed: that fire) — the consumer dedupes them.
    const published = kit.published.flatMap((m) =>
      ExecutionBatchRequested.parse(m.body).fires.map((f) => f.runId),
    );
    expect(new Set(published)).toEqual(new Set(runIds));
    expect(published.length - runIds.length).toBe(republished(point, mode));

    const runs = [
      ...(await kit.repos.runs.list(TENANT, { limit: 100 })).items,
      ...(await kit.repos.runs.list(OTHER, { limit: 100 })).items,
    ];
    expect(runs.map((r) => r.id).sort()).toEqual([...runIds].sort());
    expect(runs.every((r) => r.status === 'queued' && r.fireTime === FIRE)).toBe(true);
    expect([...kit.started].sort()).toEqual([...runIds].sort());

    const counted =
      (await kit.quotaCount(TENANT, '2026-11-28')) + (await kit.quotaCount(OTHER, '2026-11-28'));
    expect(counted).toBe(runIds.length);
    for (const s of schedules)
      expect((await kit.repos.schedules.get(s.tenantId, s.id))?.doc.nextRunAt).toBe(
        '2026-11-28T10:02:00.000Z',
      );
  });
});

describe('batched fires', () => {
  it('go out as one message per instant and count each tenant once per fire, delivered twice', async () => {
    const kit = await setUp();
    expect((await kit.sweep()).published).toBe(schedules.length);
    expect(kit.published).toHaveLength(1);
    const [message] = kit.published;
    expect(message!.scheduledFor?.toISOString()).toBe('2026-11-28T10:00:59.000Z');
    expect(
      ExecutionBatchRequested.parse(message!.body)
        .fires.map((f) => f.runId)
        .sort(),
    ).toEqual([...runIds].sort());
    await kit.deliver();
    kit.published.push(message!); // the same message again (a redelivery)
    await kit.deliver();
    expect([...kit.started].sort()).toEqual([...runIds].sort());
    expect(await kit.quotaCount(TENANT, '2026-11-28')).toBe(3);
    expect(await kit.quotaCount(OTHER, '2026-11-28')).toBe(2);
  });
});

describe('batched fires delivered to two consumers at once', () => {
  it('each fire gets one run row and one count; the consumer that lost the insert counts nothing', async () => {
    const kit = await setUp();
    await kit.sweep();
    await kit.deliverTwice();
    await kit.deliverTwice(); // and both again: a redelivery after the message was handled
    const runs = [
      ...(await kit.repos.runs.list(TENANT, { limit: 100 })).items,
      ...(await kit.repos.runs.list(OTHER, { limit: 100 })).items,
    ];
    expect(runs.map((r) => r.id).sort()).toEqual([...runIds].sort());
    expect(await kit.quotaCount(TENANT, '2026-11-28')).toBe(3);
    expect(await kit.quotaCount(OTHER, '2026-11-28')).toBe(2);
    // Two consumers racing on one fire may both ask Durable to start its instance (the loser of the insert
    // finds no instance yet); the instance id is the run id, so that is one orchestration.
    expect(new Set(kit.started)).toEqual(new Set(runIds));
  });

  it('over the daily limit: the count stops at the limit, each fire beyond it is recorded failed once', async () => {
    const kit = await setUp(2); // acme has 3 fires, globex 2
    await kit.sweep();
    await kit.deliverTwice();
    const acme = (await kit.repos.runs.list(TENANT, { limit: 100 })).items;
    expect(acme).toHaveLength(3);
    expect(acme.filter((r) => r.status === 'failed').map((r) => r.error?.code)).toEqual(['QUOTA_EXCEEDED']);
    expect(await kit.quotaCount(TENANT, '2026-11-28')).toBe(2);
    expect(await kit.quotaCount(OTHER, '2026-11-28')).toBe(2);
    const failed = acme.find((r) => r.status === 'failed')!;
    expect(kit.started).not.toContain(failed.id);
  });
});
