import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlErrorPosition } from '../../app/preview/sql-error-position';
import { AppError } from '../../domain/errors';
import type { DataSource } from '../../ports/data-source';
import { createOutboundPolicy } from '../http/outbound-policy';
import type { ConnectedSource } from './connected-source';
import { createDuckDbDemoSource, type DuckDbDemoSource } from './duckdb-demo-source';
import { createPostgresSource } from './postgres-source';

// The preview's line and column come from the error each adapter keeps as `cause`: checked here against
// the real databases (the embedded DuckDB, the PostgreSQL on this machine), not against copied messages.
let duck: DuckDbDemoSource;
let postgres: ConnectedSource;
beforeAll(async () => {
  duck = await createDuckDbDemoSource({ rows: 10 });
  postgres = createPostgresSource({
    host: '127.0.0.1',
    port: 5432,
    database: 'test',
    user: 'postgres',
    ssl: 'disable',
    policy: createOutboundPolicy({ allowlist: ['127.0.0.1:5432'] }),
  });
});
afterAll(async () => {
  await postgres?.close();
  duck?.close();
});

async function failureOf(source: DataSource, sql: string): Promise<AppError> {
  try {
    const result = await source.query({ sql, params: {}, timeoutMs: 10_000, maxRows: 100 });
    for await (const batch of result.batches) void batch;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('the query did not fail');
}

describe('SQL error positions from the real databases', () => {
  it('DuckDB: an unknown column on line 2', async () => {
    const sql = 'select region,\n  nope\nfrom sales';
    const err = await failureOf(duck, sql);
    expect(err.code).toBe('QUERY_FAILED');
    expect(sqlErrorPosition(sql, err.cause)).toEqual({ line: 2, column: 3 });
  });

  it('PostgreSQL: a syntax error on line 3', async () => {
    const sql = 'select 1 as a,\n  2 as b\n  fromm generate_series(1, 2) g';
    const err = await failureOf(postgres, sql);
    expect(err.message).toMatch(/syntax error at or near "fromm"/);
    expect(sqlErrorPosition(sql, err.cause)).toEqual({ line: 3, column: 3 });
  });
});
