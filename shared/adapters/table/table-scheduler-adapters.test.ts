import { describe, expect, it } from 'vitest';
import { countedTestTables } from '../../../test/support/storage';
import { dailySchedule } from '../../../test/support/schedule-records';
import type { Schedule } from '../../contracts/schedule';
import { AppError } from '../../domain/errors';
import { createTableRepositories } from './table-repositories';
import { createTableFireGates } from './table-fire-gates';
import { createTableDueIndex } from './table-scheduler-store';
import { createTableScheduleStateStore } from './table-schedule-state-store';

/** The test Azurite, with every Table request counted. */
function countedTables() {
  const { tables, inner, count } = countedTestTables('b');
  return { tables, count, repos: createTableRepositories(inner) };
}

const entry = (i: number, fireTime = '2026-12-01T14:00:00.000Z') => ({
  tenantId: `t${i % 7}`,
  scheduleId: `s${i}`,
  fireTime,
});

describe('due index writes that arrive together', () => {
  it('go out as one transaction per partition, each caller getting its own outcome', async () => {
    const { tables, count } = countedTables();
    const index = createTableDueIndex(tables);
    await index.dueUntil(new Date(0)); // creates the table
    count.requests = 0;
    await Promise.all(Array.from({ length: 320 }, (_, i) => index.add(entry(i))));
    expect(count.requests).toBeLessThanOrEqual(16 * 2); // 16 shards, ~20 rows each
    expect(await index.dueUntil(new Date('2026-12-01T14:00:30Z'))).toHaveLength(320);
    // One of the removes targets a row that is not there: its transaction fails (404) and is halved down to
    // that remove, which on its own is fine (a missing row is removed already).
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => index.remove(entry(i))),
      index.remove(entry(999)),
    ]);
    expect(await index.dueUntil(new Date('2026-12-01T14:00:30Z'))).toHaveLength(280);
  });
});

describe('fire gates opened together', () => {
  it('report each gate as created or as it was, when some existed already', async () => {
    const { tables, count } = countedTables();
    const gates = createTableFireGates(tables);
    const at = '2026-12-01T14:00:00.000Z';
    await gates.open('t1', 's0', at);
    await gates.markPublished('t1', 's0', at);
    await gates.open('t1', 's1', at, '2026-12-01T14:05:00.000Z');
    count.requests = 0;
    const opened = await Promise.all(Array.from({ length: 20 }, (_, i) => gates.open('t1', `s${i}`, at)));
    expect(opened[0]).toEqual({ created: false, state: 'published', plannedAt: null });
    expect(opened[1]).toEqual({ created: false, state: 'pending', plannedAt: '2026-12-01T14:05:00.000Z' });
    expect(opened.slice(2).every((g) => g.created && g.state === 'pending')).toBe(true);
    count.requests = 0;
    await Promise.all(Array.from({ length: 18 }, (_, i) => gates.markPublished('t1', `s${i + 2}`, at)));
    expect(count.requests).toBe(1);
    expect((await gates.open('t1', 's19', at)).state).toBe('published');
  });
});

describe('the sweep’s schedule store', () => {
  const schedule = (i: number): Schedule =>
    dailySchedule({
      id: `s${i}`,
      tenantId: 't1',
      reportId: i % 2 ? 'r-odd' : 'r-even',
      parameters: { n: i },
      nextRunAt: '2026-12-01T09:00:00.000Z',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });

  it('reads and writes the rows the schedules repository reads and writes, many in one request', async () => {
    const { tables, count, repos } = countedTables();
    const store = createTableScheduleStateStore(tables);
    const stored = await Promise.all(
      Array.from({ length: 20 }, (_, i) => repos.schedules.insert('t1', schedule(i))),
    );
    count.requests = 0;
    const read = await Promise.all([
      ...stored.map((s) => store.get('t1', s.doc.id)),
      store.get('t1', 'nope'),
    ]);
    expect(count.requests).toBe(2); // 14 keys per query
    expect(read.slice(0, 20)).toEqual(stored);
    expect(read[20]).toBeUndefined();

    const moved = { nextRunAt: '2026-12-02T09:00:00.000Z', lastFireTime: '2026-12-01T09:00:00.000Z' };
    await repos.schedules.replace('t1', { ...stored[5]!.doc, name: 'changed meanwhile' }, stored[5]!.etag);
    count.requests = 0;
    const written = await Promise.allSettled(
      stored.map((s) => store.replace('t1', { ...s.doc, ...moved }, s.etag)),
    );
    expect(written[5]).toMatchObject({
      status: 'rejected',
      reason: expect.objectContaining({ code: 'PRECONDITION_FAILED' }),
    });
    expect((written[5] as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    expect(written.filter((w) => w.status === 'fulfilled')).toHaveLength(19);
    expect(count.requests).toBeLessThanOrEqual(11); // the failed transaction halved down to the spoiler
    for (const [i, w] of written.entries()) {
      if (w.status !== 'fulfilled') continue;
      expect(await repos.schedules.get('t1', `s${i}`)).toEqual(w.value);
    }
    const odd = await repos.schedules.list('t1', { index: 'byReport', prefix: 'r-odd|', limit: 100 });
    expect(odd.items.filter((s) => s.nextRunAt !== moved.nextRunAt).map((s) => s.id)).toEqual(['s5']);
  });
});
