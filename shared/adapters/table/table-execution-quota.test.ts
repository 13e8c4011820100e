import { describe, expect, it } from 'vitest';
import type { Tier } from '../../contracts/common';
import { AppError } from '../../domain/errors';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { createTableExecutionQuota } from './table-execution-quota';
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
      'quotacounters',
    );
    await client.createEntity({ partitionKey: tenant, rowKey: 'executions|2026-03-01', count: 999 });
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
    const counters = await inner.table('quotacounters');
    counters.pipeline.addPolicy({ name: 'count', sendRequest: (req, next) => (count.requests++, next(req)) });
    const counted: TableService = {
      table: (name) => (name === 'quotacounters' ? Promise.resolve(counters) : inner.table(name)),
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
    await (await tables.tables.table('quotacounters')).listEntities().next();
    tables.reset();
    const results = await Promise.all(Array.from({ length: 7 }, () => outcome(q.consume(tenant, now))));
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'QUOTA_EXCEEDED', 'QUOTA_EXCEEDED']);
    expect(tables.count.requests).toBe(2); // one read (404), one insert of count 5
  });
});
