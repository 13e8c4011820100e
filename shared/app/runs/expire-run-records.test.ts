import { odata, type TableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { demoReport } from '../../../test/support/run-deps';
import { countedTestTables } from '../../../test/support/storage';
import { createTableExecutionQuota } from '../../adapters/table/table-execution-quota';
import { createTableRepositories } from '../../adapters/table/table-repositories';
import { createTableRunRecordRetention } from '../../adapters/table/table-run-record-retention';
import { createTableTenantDirectory } from '../../adapters/table/table-tenant-directory';
import type { TableService } from '../../adapters/table/table-service';
import type { ExecutionRun, RunStatus } from '../../contracts/run';
import type { Repositories } from '../../ports/repositories';
import { listRuns } from './list-runs';
import { expireRunRecords } from './expire-run-records';
import { succeededRun } from '../../../test/support/run-records';

const now = new Date('2026-06-15T04:00:00.000Z');
const DAY = 86_400_000;
const ago = (ms: number) => new Date(now.getTime() - ms);

function run(
  tenantId: string,
  id: string,
  status: RunStatus,
  createdAt: Date,
  reportId = 'rep1',
): ExecutionRun {
  const created = createdAt.toISOString();
  return succeededRun({ id, tenantId, reportId, status, createdAt: created, startedAt: null, endedAt: null });
}

async function addTenant(repos: Repositories, id: string, retentionDays: number) {
  await repos.tenants.insert(id, {
    id,
    name: id,
    tier: 'standard',
    timezone: 'UTC',
    retentionDays,
    createdAt: ago(400 * DAY).toISOString(),
  });
}

/** Every row key of the tenant's partition of the runs table. */
async function rowKeys(tables: TableService, tenantId: string): Promise<string[]> {
  const client: TableClient = await tables.table('runs');
  const keys: string[] = [];
  for await (const e of client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${tenantId}` } }))
    keys.push(e.rowKey!);
  return keys;
}

/** What every listing of the API reads: newest first, by report, by status, and the run itself. */
async function visibleIds(repos: Repositories, tenantId: string, run: ExecutionRun) {
  const ids = async (q: Parameters<typeof listRuns>[2]) =>
    (await listRuns(repos, tenantId, q)).items.map((r) => r.id);
  return {
    newest: await ids({ limit: 100, cursor: null }),
    byReport: await ids({ reportId: run.reportId, limit: 100, cursor: null }),
    byStatus: await ids({ status: run.status, limit: 100, cursor: null }),
    get: (await repos.runs.get(tenantId, run.id))?.doc.id,
  };
}

function setup(pageSize?: number) {
  const { tables, inner, count } = countedTestTables('runret');
  const repos = createTableRepositories(inner);
  const store = createTableRunRecordRetention(tables, pageSize ? { pageSize } : {});
  const deps = { directory: createTableTenantDirectory(tables), store, clock: () => now };
  return { tables, inner, count, repos, store, deps };
}

describe('run retention (runs table, Azurite)', () => {
  it('removes finished runs past their tenant retention with every index row, keeps the rest; a second pass does nothing', async () => {
    const { inner, count, repos, deps } = setup();
    await addTenant(repos, 'short', 7);
    await addTenant(repos, 'long', 30);
    // A tenant that never opened its settings has no record, only reports: a new tenant's 30 days apply.
    await repos.reports.insert('norecord', demoReport('norecord'));
    await repos.reports.insert('short', demoReport('short'));
    const removed = [
      run('short', 'ok-10d', 'succeeded', ago(10 * DAY), 'repA'),
      run('short', 'failed-8d', 'failed', ago(8 * DAY), 'repB'),
      run('short', 'aborted-20d', 'aborted', ago(20 * DAY)),
      run('short', 'missed-30d', 'missed', ago(30 * DAY)),
      run('short', 'skipped-7d1m', 'skipped', ago(7 * DAY + 60_000)),
      run('long', 'long-31d', 'failed', ago(31 * DAY)),
      run('norecord', 'norecord-31d', 'succeeded', ago(31 * DAY)),
    ];
    const kept = [
      run('short', 'running-40d', 'running', ago(40 * DAY)),
      run('short', 'queued-9d', 'queued', ago(9 * DAY)),
      run('short', 'recent-6d', 'succeeded', ago(6 * DAY)),
      run('short', 'edge-7d-1m', 'succeeded', ago(7 * DAY - 60_000), 'repA'),
      // Same age as short's ok-10d, but its tenant keeps 30 days.
      run('long', 'long-10d', 'succeeded', ago(10 * DAY), 'repA'),
      run('norecord', 'norecord-29d', 'succeeded', ago(29 * DAY)),
    ];
    await Promise.all([...removed, ...kept].map((r) => repos.runs.insert(r.tenantId, r)));
    const quota = createTableExecutionQuota(inner, { tierOf: () => Promise.resolve('standard') });
    for (const at of [now, ago(DAY), ago(2 * DAY), ago(40 * DAY)]) await quota.consume('short', at);
    await quota.consume('long', ago(3 * DAY));

    count.requests = 0;
    const first = await expireRunRecords(deps);
    expect(first).toEqual({
      tenants: 3,
      runsRemoved: 7,
      unfinishedKept: 2,
      countersRemoved: 3,
      failedTenants: [],
      stoppedEarly: false,
    });
    // A directory page, a page of the reports' tenants, then per tenant: counter query, runs query, one transaction.
    expect(count.requests).toBe(1 + 1 + 3 * 3);

    for (const r of removed) {
      const seen = await visibleIds(repos, r.tenantId, r);
      expect(seen.get).toBeUndefined();
      expect([...seen.newest, ...seen.byReport, ...seen.byStatus]).not.toContain(r.id);
    }
    for (const r of kept) {
      const seen = await visibleIds(repos, r.tenantId, r);
      expect(seen.get).toBe(r.id);
      expect(seen.newest).toContain(r.id);
      expect(seen.byReport).toContain(r.id);
      expect(seen.byStatus).toContain(r.id);
    }
    const shortKeys = await rowKeys(inner, 'short');
    for (const r of removed) expect(shortKeys.filter((k) => k.endsWith(`|${r.id}`))).toEqual([]);
    expect(shortKeys.filter((k) => k.startsWith('quota|'))).toEqual([
      `quota|executions|${ago(DAY).toISOString().slice(0, 10)}`,
      `quota|executions|${now.toISOString().slice(0, 10)}`,
    ]);
    expect((await rowKeys(inner, 'long')).filter((k) => k.startsWith('quota|'))).toEqual([]);
    expect(await quota.usedToday('short', now)).toBe(1);

    count.requests = 0;
    expect(await expireRunRecords(deps)).toEqual({
      tenants: 3,
      runsRemoved: 0,
      unfinishedKept: 2,
      countersRemoved: 0,
      failedTenants: [],
      stoppedEarly: false,
    });
    // Reads only: the directory, the reports' tenants, and two range queries per tenant.
    expect(count.requests).toBe(1 + 1 + 3 * 2);
  });

  it('a pass stopped midway (out of time, or killed) leaves only whole runs, and the next pass removes the rest', async () => {
    const { inner, tables, repos, deps } = setup(7);
    await addTenant(repos, 'crash', 7);
    // 30 expired runs (120 rows: 2 transactions a page), an unfinished one in the middle of the range.
    const expired = Array.from({ length: 30 }, (_, i) =>
      run('crash', `old-${i}`, 'succeeded', ago(8 * DAY + i * 60_000), `rep${i % 3}`),
    );
    await Promise.all(
      [...expired, run('crash', 'stuck', 'running', ago(8 * DAY + 90_000))].map((r) =>
        repos.runs.insert('crash', r),
      ),
    );

    // Out of time: a pass starts no tenant, and stops a tenant between two pages (each clock read is 1 ms on).
    let tick = now.getTime();
    const ticking = () => new Date(tick++);
    const late = await expireRunRecords({ ...deps, clock: ticking, budgetMs: 0 });
    expect(late).toMatchObject({ tenants: 0, runsRemoved: 0, stoppedEarly: true });
    tick = now.getTime();
    const cut = await expireRunRecords({ ...deps, clock: ticking, budgetMs: 1 });
    // One page of 7: the 6 newest expired runs and the running one.
    expect(cut).toMatchObject({ tenants: 1, runsRemoved: 6, unfinishedKept: 1, stoppedEarly: true });
    expect((await listRuns(repos, 'crash', { limit: 100, cursor: null })).items).toHaveLength(31 - 6);

    // The second transaction of the pass fails (a process killed mid-pass looks the same to storage).
    let transactions = 0;
    const failing: TableService = {
      ...tables,
      async table(name) {
        const client = await tables.table(name);
        return new Proxy(client, {
          get(target, prop, receiver) {
            if (prop !== 'submitTransaction') return Reflect.get(target, prop, receiver) as unknown;
            return (...args: Parameters<TableClient['submitTransaction']>) => {
              if (++transactions === 2) return Promise.reject(new Error('killed'));
              return target.submitTransaction(...args);
            };
          },
        });
      },
    };
    const interrupted = await expireRunRecords({
      ...deps,
      store: createTableRunRecordRetention(failing, { pageSize: 7 }),
    });
    expect(interrupted.failedTenants).toEqual([{ tenantId: 'crash', error: 'killed' }]);
    const perRun = new Map<string, number>();
    for (const key of await rowKeys(inner, 'crash'))
      if (!key.startsWith('quota|'))
        perRun.set(key.split('|').at(-1)!, (perRun.get(key.split('|').at(-1)!) ?? 0) + 1);
    expect([...perRun.values()].every((rows) => rows === 4)).toBe(true);
    const left = perRun.size - 1;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(30 - 6);

    const next = await expireRunRecords(deps);
    expect(next).toMatchObject({ runsRemoved: left, unfinishedKept: 1, failedTenants: [] });
    expect((await listRuns(repos, 'crash', { limit: 100, cursor: null })).items.map((r) => r.id)).toEqual([
      'stuck',
    ]);
  });

  it('removing a run already gone is fine, alone or beside runs still there', async () => {
    const { repos, store, inner, count } = setup();
    const [a, b, c] = ['a', 'b', 'c'].map((id) => run('idem', id, 'failed', ago(90 * DAY)));
    for (const r of [a!, b!, c!]) await repos.runs.insert('idem', r);
    expect(await store.remove('idem', [a!], [])).toBe(1);
    count.requests = 0;
    // The transaction fails with 404 (the run is gone), the run alone is read: gone, so removed.
    expect(await store.remove('idem', [a!], ['2020-01-01'])).toBe(1);
    expect(count.requests).toBe(5); // [a, counter] 404 → [a] 404 + read; [counter] 404 + read
    count.requests = 0;
    expect(await store.remove('idem', [a!, b!, c!], [])).toBe(3);
    expect(count.requests).toBe(6); // [a,b,c] 404 → [a,b] 404 → [a] 404 + read; [b]; [c]
    expect(await rowKeys(inner, 'idem')).toEqual([]);
  });
});
