import { describe, expect, it } from 'vitest';
import { countedTestTables, testConnectionString } from '../../../test/support/storage';
import { createTableFireGates } from '../../adapters/table/table-fire-gates';
import { createTableDueIndex } from '../../adapters/table/table-scheduler-store';

import type { ExecutionRequested } from '../../contracts/run-messages';
import { expireFireGates } from './expire-fire-gates';
import { createSweepKit } from './testing/sweep-test-kit';

const countedTables = () => countedTestTables('g');

const NOW = new Date('2026-12-15T12:00:00Z'); // 30 days back: 2026-11-15T12:00Z, so fires before 15 Nov expire
const fire = (day: string, hh = '09') => `2026-${day}T${hh}:00:00.000Z`;

describe('fire gate expiry', () => {
  it('deletes the gates of fires before the cutoff day, reading those and no others', async () => {
    const { tables, count } = countedTables();
    const gates = createTableFireGates(tables);
    const dueIndex = createTableDueIndex(tables);
    const expired = ['10-20', '11-01', '11-14'].flatMap((day) =>
      ['t1', 't2'].flatMap((t) => Array.from({ length: 60 }, (_, i) => [t, `s${i}`, fire(day)] as const)),
    );
    const kept = ['11-15', '12-14', '12-15'].flatMap((day) =>
      Array.from({ length: 40 }, (_, i) => ['t1', `s${i}`, fire(day, '00')] as const),
    );
    await Promise.all([...expired, ...kept].map(([t, s, f]) => gates.open(t, s, f)));
    await Promise.all(expired.slice(0, 50).map(([t, s, f]) => gates.markPublished(t, s, f)));

    count.requests = 0;
    const pages: number[] = [];
    for await (const page of gates.firedBefore('2026-11-15')) pages.push(page.length);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(expired.length); // 360 read, the 120 newer ones not
    expect(count.requests).toBe(1);

    count.requests = 0;
    expect(await expireFireGates({ gates, dueIndex, clock: () => NOW })).toEqual({
      deleted: expired.length,
      kept: 0,
    });
    // one index read, one gate page, and per partition (3 days × 2 tenants) one transaction of ≤ 100
    expect(count.requests).toBeLessThanOrEqual(2 + 6);
    for (const [t, s, f] of [expired[0]!, expired[200]!, expired.at(-1)!])
      expect((await gates.open(t, s, f)).created).toBe(true);
    for (const [t, s, f] of [kept[0]!, kept.at(-1)!]) expect((await gates.open(t, s, f)).created).toBe(false);
    expect(await expireFireGates({ gates, dueIndex, clock: () => NOW })).toEqual({ deleted: 3, kept: 0 });
  });

  it('removes a batch even when some of its gates are gone already', async () => {
    const { tables } = countedTables();
    const gates = createTableFireGates(tables);
    const keys = Array.from({ length: 30 }, (_, i) => ({
      tenantId: 't1',
      scheduleId: `s${i}`,
      fireTime: fire('11-01'),
    }));
    await Promise.all(keys.map((k) => gates.open(k.tenantId, k.scheduleId, k.fireTime)));
    await gates.remove(keys.slice(0, 5));
    await gates.remove(keys);
    const left: number[] = [];
    for await (const page of gates.firedBefore('2026-12-01')) left.push(page.length);
    expect(left.reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('keeps every gate of a schedule whose due row is older than the cutoff, so its frozen plan survives', async () => {
    const kit = createSweepKit(testConnectionString(), new Date('2026-11-01T07:30:00Z'));
    await kit.createSchedule({
      id: 'stuck',
      rule: { kind: 'cron', expression: '0 * * * *', timezone: 'UTC' },
      misfirePolicy: { kind: 'fire_once' },
    });
    await kit.createSchedule({
      id: 'fine',
      rule: { kind: 'cron', expression: '0 * * * *', timezone: 'UTC' },
    });
    kit.clock.now = new Date('2026-11-01T10:20:00Z'); // down since 07:30: 08:00–10:00 are misfires
    kit.inject('schedules.replace', 'before'); // the first schedule to advance fails, and stays at 08:00
    const first = await kit.sweep();
    expect(first.failures).toHaveLength(1);
    const stuckId = first.failures[0]!.scheduleId;
    const fineId = stuckId === 'stuck' ? 'fine' : 'stuck';
    expect(kit.published.map((m) => (m.body as ExecutionRequested).fireTime)).toEqual([
      fire('11-01', '10'),
      fire('11-01', '10'),
    ]);

    kit.clock.now = new Date('2026-12-15T12:00:00Z'); // 44 days later; expiry runs before any sweep
    // `fine` is at 11:00 on 1 Nov (the clock jumped): its 08:00 and 10:00 gates can never be consulted again
    expect(await expireFireGates(kit.deps)).toEqual({ deleted: 2, kept: 2 });
    const gate = await kit.deps.gates.open('acme', stuckId, fire('11-01', '08'));
    expect(gate).toEqual({ created: false, state: 'pending', plannedAt: '2026-11-01T10:20:00.000Z' });
    expect((await kit.deps.gates.open('acme', fineId, fire('11-01', '10'))).created).toBe(true);

    await kit.sweepUntilClean();
    await kit.deliver();
    const runs = await kit.runs();
    // The stuck schedule finished the plan its first sweep froze (no second run of 1 Nov 10:00) and then
    // caught up the new outage once; nothing ran twice.
    const ran = runs.filter((r) => r.scheduleId === stuckId && r.status !== 'missed').map((r) => r.fireTime);
    expect(ran.sort()).toEqual([fire('11-01', '10'), '2026-12-15T12:00:00.000Z']);
    expect(new Set(kit.started).size).toBe(kit.started.length);
    kit.clock.now = new Date('2027-01-20T00:00:00Z');
    expect((await expireFireGates(kit.deps)).kept).toBe(0);
  });
});
