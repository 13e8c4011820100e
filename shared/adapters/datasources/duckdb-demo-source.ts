import { DuckDBInstance, StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../domain/errors';
import type { DataSource, QueryRequest, Row } from '../../ports/data-source';
import { duckDbRowObjects } from './duckdb-row-objects';
import { queryTimedOut } from './query-errors';

/**
 * The demo data: a deterministic `sales(day, region, product, amount, quantity)` table built in an
 * embedded DuckDB at first use. External access (files, network, extensions) is switched off and the
 * configuration locked before any tenant SQL runs.
 */
const createSales = (rows: number) => `
  create table sales as
  select (date '2025-01-01' + (i % 365)::int) as day,
         ['North','South','East','West','Central'][1 + (hash(i) % 5)::int] as region,
         ['Widget','Gadget','Gizmo','Doohickey'][1 + (hash(i * 7) % 4)::int] as product,
         round(((hash(i * 13) % 100000) / 100.0)::double, 2) as amount,
         (1 + hash(i * 17) % 20)::int as quantity
  from range(${rows}) t(i)`;

export interface DuckDbDemoSource extends DataSource {
  close(): void;
}

export async function createDuckDbDemoSource(options: { rows: number }): Promise<DuckDbDemoSource> {
  if (!Number.isSafeInteger(options.rows) || options.rows < 1)
    throw new RangeError('rows must be a positive integer');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const setup = await instance.connect();
  await setup.run(createSales(options.rows));
  await setup.run('set enable_external_access = false');
  await setup.run('set lock_configuration = true');
  setup.closeSync();

  return {
    async query(request) {
      request.signal?.throwIfAborted();
      const connection = await instance.connect();
      const interrupt = () => connection.interrupt();
      const timer = setTimeout(interrupt, request.timeoutMs);
      // A cancel of the run interrupts the query inside DuckDB, again until it has stopped: an interrupt
      // that lands before the statement starts executing is a no-op.
      let interrupting: NodeJS.Timeout | undefined;
      const onAbort = () => {
        interrupt();
        interrupting = setInterval(interrupt, 100);
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        clearInterval(interrupting);
        request.signal?.removeEventListener('abort', onAbort);
        connection.closeSync();
      };
      try {
        return await runQuery(connection, request, done);
      } catch (err) {
        done();
        throw err;
      }
    },
    close: () => instance.closeSync(),
  };
}

async function runQuery(connection: DuckDBConnection, request: QueryRequest, done: () => void) {
  const statement = await connection.prepare(request.sql).catch((err: unknown) => {
    throw queryFailed(err, 'Check the SQL: it must be one valid SELECT statement on the demo tables.');
  });
  if (statement.statementType !== StatementType.SELECT) {
    throw new AppError('QUERY_FAILED', 'Only SELECT statements may run', {
      statementType: statement.statementType,
    });
  }
  const names = Array.from({ length: statement.parameterCount }, (_, i) => statement.parameterName(i + 1));
  const missing = names.filter((n) => !(n in request.params));
  if (missing.length) {
    throw new AppError('VALIDATION_ERROR', `Missing query parameter(s): ${missing.join(', ')}`, { missing });
  }
  statement.bind(Object.fromEntries(names.map((n) => [n, request.params[n] ?? null])));
  const result = await statement.stream().catch((err: unknown) => {
    throw isInterrupt(err)
      ? timedOut(request)
      : queryFailed(err, 'Check table and column names and parameter types.');
  });
  const columns = result.columnNames().map((name, i) => ({ name, type: String(result.columnTypes()[i]) }));
  async function* batches(): AsyncGenerator<Row[]> {
    let seen = 0;
    try {
      for await (const rows of duckDbRowObjects(result)) {
        seen += rows.length;
        if (seen > request.maxRows) {
          throw new AppError('QUERY_FAILED', `The query returned more than ${request.maxRows} rows`, {
            maxRows: request.maxRows,
          });
        }
        yield rows;
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw isInterrupt(err) ? timedOut(request) : queryFailed(err, 'Check the SQL.');
    } finally {
      done();
    }
  }
  return { columns, batches: batches() };
}

const isInterrupt = (err: unknown) => /interrupt/i.test(String(err));

/** An interrupted query: cancelled (the signal's reason) or over its time limit. */
const timedOut = (request: QueryRequest): unknown =>
  request.signal?.aborted ? request.signal.reason : queryTimedOut(request.timeoutMs);

function queryFailed(err: unknown, suggestedFix: string): AppError {
  const message = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 500) : 'query failed';
  return new AppError('QUERY_FAILED', message, { suggestedFix }, { cause: err });
}
