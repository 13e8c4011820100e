import { describe, expect, it } from 'vitest';
import { createTableDueIndex, duePartition } from '../../adapters/table/table-scheduler-store';
import { createTableService } from '../../adapters/table/table-service';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { runIdForFire } from './sweep-due-schedules';
import { TENANT, createSweepKit } from './testing/sweep-test-kit';

const fireTimes = (kit: ReturnType<typeof createSweepKit>) =>
  kit.published.map((m) => (m.body as ExecutionRequested).fireTime);

describe('schedule sweep', () => {
  it('publishes each due fire once, due just before its fire time, with the run id as message id, and advances', async () => {
    const kit = createSweepKit(testConnectionString(), new Date('2026-11-28T10:00:20Z'));
    await kit.createSchedule({ id: 's1' });
    kit.clock.now = new Date('2026-11-28T10:00:45Z'); // 10:01:00 is inside the 60 s look-ahead, 10:02 is not
    expect(await kit.sweep()).toMatchObject({ due: 1, published: 1, missed: 0, stale: 0, failures: [] });
    expect(await kit.sweep()).toMatchObject({ due: 0, published: 0 });
    const [message] = kit.published;
    expect(message).toMatchObject({
      messageId: runIdForFire({ tenantId: TENANT, scheduleId: 's1', fireTime: '2026-11-28T10:01:00.000Z' }),
      scheduledFor: new Date('2026-11-28T10:00:59.000Z'), // handed over 1 s ahead; the consumer waits
    });
    const stored = await kit.repos.schedules.get(TENANT, 's1');
    expect(stored?.doc).toMatchObject({
      nextRunAt: '2026-11-28T10:02:00.000Z',
      lastFireTime: '2026-11-28T10:01:00.000Z',
    });
    expect(await kit.rows()).toEqual([
      { tenantId: TENANT, scheduleId: 's1', fireTime: '2026-11-28T10:02:00.000Z' },
    ]);
  });

  it('keeps up with a seconds cron: every fire inside the look-ahead is published in one sweep', async () => {
    const kit = createSweepKit(testConnectionString(), new Date('2026-11-28T10:00:00Z'));
    await kit.createSchedule({
      id: 's1',
      rule: { kind: 'cron', expression: '*/15 * * * * *', timezone: 'UTC' },
    });
    expect(await kit.sweep()).toMatchObject({ due: 1, published: 4, failures: [] });
    expect(fireTimes(kit)).toEqual([
      '2026-11-28T10:00:15.000Z',
      '2026-11-28T10:00:30.000Z',
      '2026-11-28T10:00:45.000Z',
      '2026-11-28T10:01:00.000Z',
    ]);
    expect((await kit.rows()).map((r) => r.fireTime)).toEqual(['2026-11-28T10:01:15.000Z']);
  });

  it('drops the rows of paused and deleted schedules, and a row the schedule moved away from', async () => {
    const kit = createSweepKit(testConnectionString(), new Date('2026-11-28T10:00:20Z'));
    const paused = await kit.createSchedule({ id: 'paused' });
    await kit.repos.schedules.replace(TENANT, { ...paused.doc, active: false }, paused.etag);
    const gone = await kit.createSchedule({ id: 'gone' });
    await kit.repos.schedules.remove(TENANT, gone.doc.id);
    await kit.createSchedule({ id: 'moved' });
    await kit.dueIndex.add({ tenantId: TENANT, scheduleId: 'moved', fireTime: '2026-11-28T09:58:00.000Z' });
    kit.clock.now = new Date('2026-11-28T10:00:30Z');
    expect(await kit.sweep()).toMatchObject({ due: 4, published: 1, stale: 3, failures: [] });
    expect(fireTimes(kit)).toEqual(['2026-11-28T10:01:00.000Z']);
    expect(await kit.rows()).toEqual([
      { tenantId: TENANT, scheduleId: 'moved', fireTime: '2026-11-28T10:02:00.000Z' },
    ]);
  });

  it('shards a minute over partitions by tenant and schedule, and reads every shard back', async () => {
    const entry = (scheduleId: string) => ({
      tenantId: 't',
      scheduleId,
      fireTime: '2026-11-28T10:01:00.000Z',
    });
    const partitions = new Set(Array.from({ length: 200 }, (_, i) => duePartition(entry(`s${i}`))));
    expect(partitions.size).toBe(16);
    expect([...partitions].every((p) => /^due-202611281001-(0\d|1[0-5])$/.test(p))).toBe(true);

    const tables = createTableService(
      { connectionString: testConnectionString() },
      { prefix: uniqueName('l') },
    );
    const index = createTableDueIndex(tables);
    const entries = Array.from({ length: 40 }, (_, i) => entry(`s${String(i).padStart(2, '0')}`));
    for (const e of entries) await index.add(e);
    const due = await index.dueUntil(new Date('2026-11-28T10:02:00Z'));
    expect(due.map((e) => e.scheduleId).sort()).toEqual(entries.map((e) => e.scheduleId));
  });
});
