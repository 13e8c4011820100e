import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbDemoSource, type DuckDbDemoSource } from './duckdb-demo-source';
import type { Row } from '../../ports/data-source';

let source: DuckDbDemoSource;
beforeAll(async () => {
  source = await createDuckDbDemoSource({ rows: 10_000 });
});
afterAll(() => source.close());

async function all(sql: string, params = {}, limits = { timeoutMs: 10_000, maxRows: 100_000 }) {
  const result = await source.query({ sql, params, ...limits });
  const rows: Row[] = [];
  for await (const batch of result.batches) rows.push(...batch);
  return { columns: result.columns, rows };
}

describe('DuckDB demo source', () => {
  it('serves the deterministic sales table with typed columns', async () => {
    const { columns, rows } = await all(
      'select region, count(*) as n, sum(quantity) as q from sales group by region order by region',
    );
    expect(columns.map((c) => c.name)).toEqual(['region', 'n', 'q']);
    expect(rows.map((r) => r.region)).toEqual(['Central', 'East', 'North', 'South', 'West']);
    expect(rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(10_000);
  });

  it('binds parameters as values: an injection string is just a string', async () => {
    const { rows } = await all('select count(*) as n from sales where region = $region', {
      region: "North' or '1'='1",
    });
    expect(Number(rows[0]!.n)).toBe(0);
    const { rows: north } = await all('select count(*) as n from sales where region = $region', {
      region: 'North',
    });
    expect(Number(north[0]!.n)).toBeGreaterThan(0);
  });

  it('refuses statements other than SELECT, file access, missing parameters and bad SQL with clear codes', async () => {
    await expect(all('drop table sales')).rejects.toMatchObject({ code: 'QUERY_FAILED' });
    await expect(all("select * from read_csv('/etc/passwd')")).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    await expect(all('select * from sales where region = $r')).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(all('select nope from sales')).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      retryable: false,
    });
  });

  it('enforces the row limit and the timeout', async () => {
    await expect(all('select * from sales', {}, { timeoutMs: 10_000, maxRows: 100 })).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    await expect(
      all('select count(*) from range(100000000) a, range(1000) b', {}, { timeoutMs: 200, maxRows: 10 }),
    ).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
  });
});
