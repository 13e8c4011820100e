import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../ports/data-source';
import { createOutboundPolicy } from '../http/outbound-policy';
import type { ConnectedSource } from './connected-source';
import type { PositionalQueryRequest } from './positional-parameters';
import { createPostgresSource, type PostgresSourceOptions } from './postgres-source';

// The PostgreSQL on this machine (trust auth); every run works in a schema of its own.
const schema = `rs_test_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
const base: PostgresSourceOptions = {
  host: '127.0.0.1',
  port: 5432,
  database: 'test',
  user: 'postgres',
  ssl: 'disable',
  policy: createOutboundPolicy({ allowlist: ['127.0.0.1:5432'] }),
};
let source: ConnectedSource;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.query(`create table ${schema}.items (
    id int primary key, name text, amount numeric(12,2), big bigint, huge numeric, day date,
    at timestamptz, naive timestamp, flag boolean, doc jsonb)`);
  await admin.query(`insert into ${schema}.items
    select i, 'item ' || i, i * 1.5, i * 10000000000, 12345678901234567890.12, date '2025-01-01' + i,
           timestamptz '2025-01-01 00:00:00+00' + i * interval '1 hour', timestamp '2025-03-01 08:30:00', i % 2 = 0,
           jsonb_build_object('i', i)
    from generate_series(1, 250) i`);
  await admin.query(`create table ${schema}.victim (id int)`);
  await admin.query(`insert into ${schema}.victim values (1), (2), (3)`);
  await admin.query(`create sequence ${schema}.seq`);
  source = createPostgresSource({ ...base, batchSize: 100 });
});
afterAll(async () => {
  await source?.close();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

async function all(
  sql: string,
  params: PositionalQueryRequest['params'] = {},
  extra: Partial<PositionalQueryRequest> = {},
  from = source,
) {
  const result = await from.query({
    sql,
    params,
    timeoutMs: 10_000,
    maxRows: 10_000,
    ...extra,
  });
  const batches: Row[][] = [];
  for await (const batch of result.batches) batches.push(batch);
  return { columns: result.columns, batches, rows: batches.flat() };
}
const victimCount = async () =>
  Number((await admin.query(`select count(*) from ${schema}.victim`)).rows[0].count);

describe('PostgreSQL source', () => {
  it('returns typed, JSON-ready columns and rows, streamed in batches', async () => {
    const { columns, rows, batches } = await all(`select * from ${schema}.items order by id`);
    expect(columns).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'name', type: 'text' },
      { name: 'amount', type: 'numeric' },
      { name: 'big', type: 'bigint' },
      { name: 'huge', type: 'numeric' },
      { name: 'day', type: 'date' },
      { name: 'at', type: 'timestamptz' },
      { name: 'naive', type: 'timestamp' },
      { name: 'flag', type: 'boolean' },
      { name: 'doc', type: 'jsonb' },
    ]);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(rows[1]).toEqual({
      id: 2,
      name: 'item 2',
      amount: 3,
      big: 20000000000,
      huge: '12345678901234567890.12',
      day: '2025-01-03',
      at: '2025-01-01T02:00:00.000Z',
      naive: '2025-03-01T08:30:00',
      flag: true,
      doc: { i: 2 },
    });
    const empty = await all(`select id from ${schema}.items where false`);
    expect(empty).toMatchObject({ columns: [{ name: 'id', type: 'integer' }], rows: [] });
  });

  it('binds $1..$n in declaration order, by explicit order, or by number', async () => {
    const sql = `select id from ${schema}.items where name = $1 and id > $2`;
    expect((await all(sql, { name: 'item 7', min: 1 })).rows).toEqual([{ id: 7 }]);
    expect((await all(sql, { min: 1, name: 'item 7' }, { parameterOrder: ['name', 'min'] })).rows).toEqual([
      { id: 7 },
    ]);
    expect((await all(sql, { '2': 1, '1': 'item 7' })).rows).toEqual([{ id: 7 }]);
    await expect(all(sql, { name: 'item 7' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('keeps injection strings as data', async () => {
    for (const hostile of [
      "'; drop table " + schema + '.victim; --',
      '1 or 1=1',
      "item 1' or '1'='1",
      '1); delete from x; --',
    ]) {
      expect((await all(`select id from ${schema}.items where name = $1`, { v: hostile })).rows).toEqual([]);
      expect((await all(`select id from ${schema}.items where id::text = $1`, { v: hostile })).rows).toEqual(
        [],
      );
    }
    await expect(
      all(`select id from ${schema}.items where id = $1`, { v: '1 or 1=1' }),
    ).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      details: { sqlState: '22P02' },
    });
    expect(
      (await all(`select count(*)::int as n from ${schema}.items where name like $1`, { v: '%' })).rows,
    ).toEqual([{ n: 250 }]);
    expect(await victimCount()).toBe(3);
  });

  it('is read-only: no write gets through, whatever the SQL hides', async () => {
    await expect(all(`delete from ${schema}.victim`)).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      details: { statement: 'delete' },
    });
    await expect(
      all(`with gone as (delete from ${schema}.victim returning *) select * from gone`),
    ).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      details: { sqlState: '25006' },
    });
    await expect(all(`select * into ${schema}.copy from ${schema}.victim`)).rejects.toMatchObject({
      details: { sqlState: '25006' },
    });
    await expect(all(`select * from ${schema}.victim for update`)).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    await expect(all(`select nextval('${schema}.seq')`)).rejects.toMatchObject({
      details: { sqlState: '25006' },
    });
    await expect(all(`select 1; drop table ${schema}.victim`)).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    await expect(all(`select set_config('transaction_read_only', 'off', false)`)).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    expect(await victimCount()).toBe(3);
    expect((await admin.query(`select to_regclass('${schema}.copy') as t`)).rows[0].t).toBeNull();
  });

  it('fails past the row limit instead of truncating', async () => {
    await expect(all(`select id from ${schema}.items`, {}, { maxRows: 249 })).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      details: { maxRows: 249 },
    });
    await expect(all(`select id from ${schema}.items`, {}, { maxRows: 50 })).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    expect((await all(`select id from ${schema}.items`, {}, { maxRows: 250 })).rows).toHaveLength(250);
  });

  it('times out on the server (statement_timeout) and on the client (slow reader)', async () => {
    let started = Date.now();
    await expect(all('select pg_sleep(5)', {}, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'QUERY_TIMEOUT',
      retryable: false, // the same query would time out again: a user error, not retried
    });
    expect(Date.now() - started).toBeLessThan(6_000);

    const result = await source.query({
      sql: `select id from ${schema}.items`,
      params: {},
      timeoutMs: 300,
      maxRows: 1000,
    });
    started = Date.now();
    await expect(
      (async () => {
        for await (const _ of result.batches) await new Promise((resolve) => setTimeout(resolve, 400));
      })(),
    ).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(6_000);
    // The pool is still usable afterwards.
    expect((await all('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it("names the data source's statementTimeoutMs, with its value, when that limit ends the query", async () => {
    const strict = createPostgresSource({ ...base, statementTimeoutMs: 250 });
    try {
      const err = await all('select pg_sleep(3)', {}, { timeoutMs: 10_000 }, strict).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'QUERY_TIMEOUT', retryable: false, details: { timeoutMs: 250 } });
      expect((err as Error).message).toMatch(/statementTimeoutMs\) of 250 ms/);
    } finally {
      await strict.close();
    }
  });

  it('a cancel of the run cancels the statement on the server', async () => {
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    const running = all(
      'select pg_sleep(600) as slept',
      {},
      { timeoutMs: 600_000, signal: controller.signal },
    );
    const sleeping = async () =>
      Number(
        (
          await admin.query(
            "select count(*) from pg_stat_activity where query like 'select pg_sleep(600)%' and state = 'active'",
          )
        ).rows[0].count,
      );
    await expect.poll(sleeping, { timeout: 10_000 }).toBe(1);
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    await expect.poll(sleeping, { timeout: 10_000 }).toBe(0); // not left running until statement_timeout
  }, 30_000);

  it('gives the connection back when the reader stops early', async () => {
    const single = createPostgresSource({ ...base, maxConnections: 1, batchSize: 10 });
    try {
      for (let i = 0; i < 3; i++) {
        const result = await single.query({
          sql: `select id from ${schema}.items`,
          params: {},
          timeoutMs: 5_000,
          maxRows: 1000,
        });
        for await (const batch of result.batches) {
          expect(batch).toHaveLength(10);
          break;
        }
      }
      await single.probe(2_000);
    } finally {
      await single.close();
    }
  });

  it('connects only through the SSRF guard and reports unreachable databases clearly', async () => {
    const blocked = createPostgresSource({ ...base, policy: createOutboundPolicy() });
    const rebound = createPostgresSource({
      ...base,
      host: 'db.attacker.test',
      policy: createOutboundPolicy({ resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]) }),
    });
    const refused = createPostgresSource({
      ...base,
      port: 1,
      policy: createOutboundPolicy({ allowlist: ['127.0.0.1:1'] }),
    });
    const noDb = createPostgresSource({ ...base, database: `missing_${schema}` });
    try {
      await expect(blocked.probe(2_000)).rejects.toMatchObject({
        code: 'OUTBOUND_BLOCKED',
        details: { reason: 'internal_address' },
      });
      await expect(rebound.probe(2_000)).rejects.toMatchObject({
        code: 'OUTBOUND_BLOCKED',
        details: { reason: 'internal_address' },
      });
      await expect(refused.probe(2_000)).rejects.toMatchObject({
        code: 'DATA_SOURCE_UNAVAILABLE',
        retryable: true,
      });
      await expect(noDb.probe(2_000)).rejects.toMatchObject({
        code: 'DATA_SOURCE_UNAVAILABLE',
        retryable: false,
      });
    } finally {
      await Promise.all([blocked, rebound, refused, noDb].map((s) => s.close()));
    }
  });
});
