import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckDbRowObjects } from './duckdb-row-objects';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** The library's own conversion and ours, on two runs of the same query. */
async function both(sql: string) {
  const expected: unknown[] = [];
  for await (const rows of (await connection.stream(sql)).yieldRowObjectJson()) expected.push(...rows);
  const actual: unknown[] = [];
  for await (const rows of duckDbRowObjects(await connection.stream(sql))) actual.push(...rows);
  return { expected, actual };
}

describe('duckDbRowObjects', () => {
  it('gives exactly what yieldRowObjectJson gives, for every common type, nulls included', async () => {
    const { expected, actual } = await both(`
      select * from (values
        ('plain', 'a much longer text than twelve bytes — ünïcödé 😀', date '2026-03-08', date '1969-12-31',
         1::tinyint, -2::smallint, 3::integer, 4::utinyint, 5::usmallint, 6::uinteger, 9007199254740993::bigint,
         1.5::float, -0.1::double, 'nan'::double, 'infinity'::double, true, 12.34::decimal(10, 2),
         timestamp '2026-01-02 03:04:05', [1, 2], {'k': 'v'}, 170141183460469231731687303715884105727::hugeint),
        (null, '', null, date '0001-01-01', null, null, null, null, null, null, null,
         null, null, null, '-infinity'::double, false, null, null, null, null, null)
      ) t(s, long_text, d, old_day, ti, si, i, uti, usi, ui, bi, f, dbl, nan, inf, b, dec, ts, list, struct, huge)`);
    expect(actual).toEqual(expected);
    // Key order is the column order, as the library's.
    expect(Object.keys(actual[0] as object)).toEqual(Object.keys(expected[0] as object));
  });

  it('matches across many chunks (the date cache and per-query converters) and on duplicate names', async () => {
    const { expected, actual } = await both(
      `select date '2020-01-01' + (i % 900)::int as day, i::varchar as s, i * 0.5 as half, i as i, i as i
       from range(10000) t(i)`,
    );
    expect(actual).toHaveLength(10_000);
    expect(actual).toEqual(expected);
  });

  it('yields nothing for an empty result', async () => {
    const { expected, actual } = await both('select 1 as x where false');
    expect(actual).toEqual([]);
    expect(expected).toEqual([]);
  });
});
