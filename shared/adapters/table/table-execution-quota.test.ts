import { describe, expect, it } from 'vitest';
import type { Tier } from '../../contracts/common';
import type { ExecutionRun } from '../../contracts/run';
import { AppError } from '../../domain/errors';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import {
  createTableExecutionQuota,
  EXECUTION_COUNTER_TABLE,
  executionCounterRowKey,
} from './table-execution-quota';
import { createTableRepositories } from './table-repositories';
import { createTableService, type TableService } from './table-service';
import { countingTableService } from '../../../bench/sweep/counting-tables';

const prefix = uniqueName('quota');
/** Each consumer has its own clients, like two Function instances. */
const consumer = (tier: Tier = 'standard', limits = { standard: 5, premium: 7, enterprise: null }) =>
  createTableExecutionQuota(createTableService({ connectionString: testConnectionString() }, { prefix }), {
    tierOf: () => Promise.resolve(tier),
    limits,
  });

const outcome = (p: Promise<void>) =>
  p.then(
    () => 'ok',
    (err: AppError) => err.code,
  );

describe('table execution quota (daily, per tenant)', () => {
  it('two consumers racing for the last units: exactly the limit passes, the rest is QUOTA_EXCEEDED', async () => {
    const [a, b] = [consumer(), consumer()];
    const tenant = uniqueName('t');
    const now = new Date('2026-03-01T12:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => outcome((i % 2 ? a : b).consume(tenant, now))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r === 'QUOTA_EXCEEDED')).toHaveLength(7);
    const refused = await a.consume(tenant, now).catch((err: AppError) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(403);
    expect((refused as AppError).details).toMatchObject({ limit: 5, current: 5, resource: 'executions' });
  });

  it('counts per UTC day and per tenant', async () => {
    const q = consumer();
    const [t1, t2] = [uniqueName('t'), uniqueName('t')];
    const day = new Date('2026-03-01T23:59:59Z');
    for (let i = 0; i < 5; i++) await q.consume(t1, day);
    expect(await outcome(q.consume(t1, day))).toBe('QUOTA_EXCEEDED');
    expect(await outcome(q.consume(t2, day))).toBe('ok');
    expect(await outcome(q.consume(t1, new Date('2026-03-02T00:00:00Z')))).toBe('ok');
  });

  it('uses the tier limits: spec values by default, enterprise unlimited', async () => {
    const tenant = uniqueName('t');
    const standard = createTableExecutionQuota(
      createTableService({ connectionString: testConnectionString() }, { prefix }),
      { tierOf: () => Promise.resolve('standard') },
    );
    const client = await createTableService({ connectionString: testConnectionString() }, { prefix }).table(
      EXECUTION_COUNTER_TABLE,
    );
    await client.createEntity({
      partitionKey: tenant,
      rowKey: executionCounterRowKey('2026-03-01'),
      count: 999,
    });
    const now = new Date('2026-03-01T08:00:00Z');
    expect(await outcome(standard.consume(tenant, now))).toBe('ok');
    const over = await standard.consume(tenant, now).catch((err: AppError) => err);
    expect((over as AppError).details).toMatchObject({ limit: 1000, current: 1000, tier: 'standard' });
    const enterprise = consumer('enterprise');
    for (let i = 0; i < 3; i++) expect(await outcome(enterprise.consume(tenant, now))).toBe('ok');
  });
});

describe('table execution quota: a burst in one process', () => {
  it('takes the units of concurrent consumes together, in a few requests, and never more than the limit', async () => {
    const inner = createTableService({ connectionString: testConnectionString() }, { prefix });
    const count = { requests: 0 };
    const counters = await inner.table(EXECUTION_COUNTER_TABLE);
    counters.pipeline.addPolicy({ name: 'count', sendRequest: (req, next) => (count.requests++, next(req)) });
    const counted: TableService = {
      table: (name) => (name === EXECUTION_COUNTER_TABLE ? Promise.resolve(counters) : inner.table(name)),
      ping: () => inner.ping(),
    };
    const limits = { standard: 25, premium: 7, enterprise: null };
    const q = createTableExecutionQuota(counted, { tierOf: () => Promise.resolve('standard'), limits });
    const other = consumer('standard', limits); // a second instance, consuming at the same time
    const tenant = uniqueName('t');
    const now = new Date('2026-03-01T12:00:00Z');
    await q.consume(tenant, now);
    count.requests = 0;
    const burst = await Promise.all([
      ...Array.from({ length: 30 }, () => outcome(q.consume(tenant, now))),
      ...Array.from({ length: 5 }, () => outcome(other.consume(tenant, now))),
    ]);
    expect(burst.filter((r) => r === 'ok')).toHaveLength(24);
    expect(burst.filter((r) => r === 'QUOTA_EXCEEDED')).toHaveLength(11);
    expect(count.requests).toBeLessThanOrEqual(12); // 30 one by one: at least 60, plus a retry per lost race
    const refused = await q.consume(tenant, now).catch((err: AppError) => err);
    expect((refused as AppError).details).toMatchObject({ limit: 25, current: 25 });
  });
});

describe('table execution quota, remembered ETag', () => {
  it('writes without reading when it wrote last, and reads again when another consumer wrote in between', async () => {
    const tables = countingTableService(
      createTableService({ connectionString: testConnectionString() }, { prefix }),
    );
    const q = createTableExecutionQuota(tables.tables, {
      tierOf: () => Promise.resolve('standard'),
      limits: { standard: 5, premium: 5, enterprise: null },
    });
    const other = consumer();
    const tenant = uniqueName('t');
    const now = new Date('2026-03-01T12:00:00Z');
    await q.consume(tenant, now); // a read (404) and an insert
    tables.reset();
    await q.consume(tenant, now);
    expect(tables.count.requests).toBe(1); // the replace under the remembered ETag
    await other.consume(tenant, now); // count 3, written elsewhere
    tables.reset();
    await q.consume(tenant, now); // 412, a read, a replace
    expect(tables.count.requests).toBe(3);
    await q.consume(tenant, now);
    expect(await outcome(q.consume(tenant, now))).toBe('QUOTA_EXCEEDED');
    expect(await outcome(other.consume(tenant, now))).toBe('QUOTA_EXCEEDED');
  });

  it('counts the consumes of one turn in one round', async () => {
    const tables = countingTableService(
      createTableService({ connectionString: testConnectionString() }, { prefix }),
    );
    const q = createTableExecutionQuota(tables.tables, {
      tierOf: () => Promise.resolve('standard'),
      limits: { standard: 5, premium: 5, enterprise: null },
    });
    const tenant = uniqueName('t');
    const now = new Date('2026-03-01T12:00:00Z');
    await (await tables.tables.table(EXECUTION_COUNTER_TABLE)).listEntities().next();
    tables.reset();
    const results = await Promise.all(Array.from({ length: 7 }, () => outcome(q.consume(tenant, now))));
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'QUOTA_EXCEEDED', 'QUOTA_EXCEEDED']);
    expect(tables.count.requests).toBe(2); // one read (404), one insert of count 5
  });
});

/** A queued run of `tenantId` (what the execution consumer inserts for a scheduled fire). */
const queued = (tenantId: string, id: string): ExecutionRun => ({
  id,
  tenantId,
  reportId: 'r1',
  scheduleId: 's1',
  trigger: 'schedule',
  fireTime: '2026-03-01T12:00:00.000Z',
  status: 'queued',
  attempt: 1,
  parameters: {},
  steps: [],
  rowCount: null,
  bytes: null,
  workerId: null,
  error: null,
  createdAt: '2026-03-01T12:00:00.100Z',
  startedAt: null,
  endedAt: null,
});
const refused =
  (run: ExecutionRun) =>
  (err: AppError): ExecutionRun => ({
    ...run,
    status: 'failed',
    error: { code: err.code, message: err.message, suggestedFix: null },
    endedAt: run.createdAt,
  });

describe('table execution quota: a run row inserted with its count (one transaction)', () => {
  const services = () => createTableService({ connectionString: testConnectionString() }, { prefix });
  const limited = (limit: number, tables: TableService = services()) =>
    createTableExecutionQuota(tables, {
      tierOf: () => Promise.resolve('standard'),
      limits: { standard: limit, premium: limit, enterprise: null },
    });
  const now = new Date('2026-03-01T12:00:00.100Z');

  it('two consumers racing with overlapping fires: one row and at most one count per fire, never past the limit', async () => {
    const [a, b] = [limited(7), limited(7)]; // two processes: each remembers its own ETag, so they 412 each other
    const tenant = uniqueName('t');
    const runs = Array.from({ length: 10 }, (_, i) => queued(tenant, `run-${i}`));
    // a gets runs 0–7, b gets runs 2–9: runs 2–7 are delivered to both at once (a redelivery racing the first).
    const results = await Promise.all([
      ...runs
        .slice(0, 8)
        .map((r) => a.insertCounted(tenant, r, now, refused(r)).then((x) => [r.id, x.outcome])),
      ...runs.slice(2).map((r) => b.insertCounted(tenant, r, now, refused(r)).then((x) => [r.id, x.outcome])),
    ]);
    for (const run of runs) {
      const mine = results.filter(([id]) => id === run.id).map(([, outcome]) => outcome);
      expect(mine.filter((o) => o !== 'duplicate')).toHaveLength(1);
    }
    const repos = createTableRepositories(services());
    const stored = (await repos.runs.list(tenant, { limit: 100 })).items;
    expect(stored).toHaveLength(10);
    const inserted = results.filter(([, o]) => o === 'inserted').map(([id]) => id);
    expect(inserted).toHaveLength(7);
    expect(
      stored
        .filter((r) => r.status === 'queued')
        .map((r) => r.id)
        .sort(),
    ).toEqual(inserted.sort());
    expect(stored.filter((r) => r.status === 'failed').every((r) => r.error?.code === 'QUOTA_EXCEEDED')).toBe(
      true,
    );
    expect(await a.usedToday(tenant, now)).toBe(7);
  });

  it('a redelivered fire in a round: the round is halved down to it, it counts nothing, the others count once', async () => {
    const tables = countingTableService(services());
    const q = limited(100, tables.tables);
    const tenant = uniqueName('t');
    const runs = Array.from({ length: 8 }, (_, i) => queued(tenant, `run-${i}`));
    await q.insertCounted(tenant, runs[5]!, now, refused(runs[5]!)); // delivered before
    tables.reset();
    const outcomes = await Promise.all(runs.map((r) => q.insertCounted(tenant, r, now, refused(r))));
    const requests = tables.count.requests;
    expect(outcomes.map((o) => o.outcome)).toEqual(runs.map((_, i) => (i === 5 ? 'duplicate' : 'inserted')));
    expect(await q.usedToday(tenant, now)).toBe(8);
    // 8 fail → 0–3 ok, 4–7 fail → 4–5 fail → 4 ok, 5 duplicate → 6–7 ok: 7 transactions, not 8 (one per fire).
    expect(requests).toBe(7);
  });

  it('manual runs, usage and the refund read and write the same counter as the consumer', async () => {
    const q = limited(3);
    const tenant = uniqueName('t');
    await q.consume(tenant, now); // run now / event trigger / retry
    const run = queued(tenant, 'run-a');
    expect((await q.insertCounted(tenant, run, now, refused(run))).outcome).toBe('inserted');
    expect(await q.usedToday(tenant, now)).toBe(2);
    await q.refund(tenant, now); // a condition skipped a run
    const other = limited(3); // another process: its remembered ETag is stale after that
    const more = [queued(tenant, 'run-b'), queued(tenant, 'run-c'), queued(tenant, 'run-d')];
    const outcomes = await Promise.all(more.map((r) => other.insertCounted(tenant, r, now, refused(r))));
    expect(outcomes.map((o) => o.outcome)).toEqual(['inserted', 'inserted', 'over-quota']);
    expect(await outcome(q.consume(tenant, now))).toBe('QUOTA_EXCEEDED');
    expect(await q.usedToday(tenant, now)).toBe(3);
  });
});
