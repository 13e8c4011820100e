import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Column, QueryResult, Row } from '../../ports/data-source';
import { createGuardedSocket } from '../http/guarded-socket';
import type { OutboundPolicy } from '../http/outbound-policy';
import type { ConnectedSource } from './connected-source';
import { positionalValues, type PositionalQueryRequest } from './positional-parameters';
import { postgresError } from './postgres-errors';
import { postgresTypeName, postgresTypes } from './postgres-types';
import { queryTimedOut, tooManyRows } from './query-errors';
import { assertSelectStatement } from './select-only';

export interface PostgresSourceOptions {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** `verify-full` checks the certificate and host name; `disable` only for an allowlisted host:port. */
  ssl: 'verify-full' | 'require' | 'disable';
  /** The server-side limit of each statement, whatever the report asks (default 60 s). */
  statementTimeoutMs?: number;
  maxConnections?: number;
  connectTimeoutMs?: number;
  batchSize?: number;
  /** Every connection goes through the SSRF guard (host checked, resolved address checked at connect). */
  policy: OutboundPolicy;
}

const noop = () => undefined;

function readBatch(cursor: Cursor<Row>, size: number) {
  return new Promise<{ rows: Row[]; fields: pg.FieldDef[] }>((resolve, reject) => {
    cursor.read(size, (err, rows, result) => (err ? reject(err) : resolve({ rows, fields: result.fields })));
  });
}

/**
 * A tenant's PostgreSQL (DESIGN D9), pooled. Each query runs in its own read-only transaction
 * (`SET TRANSACTION READ ONLY`: a report cannot write, whatever its SQL hides in a CTE) with
 * `statement_timeout`; values are bound by the driver as `$1..$n` (see `positionalValues`), never spliced;
 * rows come from a server-side cursor in batches. A client-side timer bounds the whole query, streaming
 * included: it cancels the backend and fails with QUERY_TIMEOUT. More than `maxRows` rows fail with
 * QUERY_FAILED. Give the connection a role that can only read, too.
 */
export function createPostgresSource(options: PostgresSourceOptions): ConnectedSource {
  const statementTimeoutMs = options.statementTimeoutMs ?? 60_000;
  const batchSize = options.batchSize ?? 1000;
  const clientConfig: pg.ClientConfig = {
    host: options.host,
    port: options.port,
    database: options.database,
    user: options.user,
    ...(options.password === undefined ? {} : { password: options.password }),
    ssl: options.ssl === 'disable' ? false : { rejectUnauthorized: options.ssl === 'verify-full' },
    stream: () => createGuardedSocket(options.policy),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'report-scheduler',
    types: postgresTypes,
  };
  const poolSize = options.maxConnections ?? 5;
  const pool = new pg.Pool({ ...clientConfig, max: poolSize, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server is removed by the pool; the next query reports any problem.
  pool.on('error', noop);

  async function cancelBackend(pid: number | undefined) {
    if (!pid) return;
    const canceller = new pg.Client({ ...clientConfig, connectionTimeoutMillis: 2_000 });
    canceller.on('error', noop);
    try {
      await canceller.connect();
      await canceller.query('select pg_cancel_backend($1)', [pid]);
    } catch {
      // Best effort: statement_timeout ends the statement on the server anyway.
    } finally {
      void canceller.end().catch(noop);
    }
  }

  async function query(request: PositionalQueryRequest): Promise<QueryResult> {
    assertSelectStatement(request.sql);
    const values = positionalValues(request);
    const statementMs = Math.max(1, Math.min(Math.floor(request.timeoutMs), statementTimeoutMs));
    const ctx = {
      timeoutMs: request.timeoutMs,
      timedOut: false,
      host: options.host,
      statement: {
        ms: statementMs,
        limit:
          statementMs < request.timeoutMs
            ? "the data source's statement timeout (statementTimeoutMs)"
            : 'the query time limit',
      },
    };
    let client: pg.PoolClient | undefined;
    let cursor: Cursor<Row> | undefined;
    let finished = false;
    let expire: (err: Error) => void = noop;
    const expired = new Promise<never>((_, reject) => (expire = reject));
    expired.catch(noop);

    const finish = async (failed: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if (!client) return;
      if (failed) return client.release(true);
      try {
        await cursor?.close();
        await client.query('ROLLBACK');
        client.release();
      } catch {
        client.release(true);
      }
    };
    // Over the time limit or the run cancelled: the statement is cancelled on the server, the connection dropped.
    let stoppedBy: Error | undefined;
    const failure = (err: unknown) => stoppedBy ?? postgresError(err, ctx);
    const stop = (reason: unknown) => {
      ctx.timedOut = true;
      stoppedBy = reason instanceof Error ? reason : new Error(String(reason));
      expire(stoppedBy);
      const pid = (client as unknown as { processID?: number } | undefined)?.processID;
      void cancelBackend(pid).then(() => finish(true));
    };
    const timer = setTimeout(() => stop(queryTimedOut(request.timeoutMs)), request.timeoutMs);
    const onAbort = () => stop(request.signal?.reason);
    request.signal?.throwIfAborted();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const bounded = <T>(work: Promise<T>) => {
      work.catch(noop);
      return Promise.race([work, expired]);
    };

    let first: { rows: Row[]; fields: pg.FieldDef[] };
    const firstSize = Math.min(batchSize, request.maxRows + 1);
    try {
      const connecting = pool.connect();
      client = await bounded(connecting).catch((err: unknown) => {
        void connecting.then((late) => late.release(true), noop);
        throw err;
      });
      await bounded(
        client.query(
          `BEGIN; SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = ${statementMs}; SET LOCAL TimeZone = 'UTC'`,
        ),
      );
      cursor = client.query(new Cursor<Row>(request.sql, values));
      first = await bounded(readBatch(cursor, firstSize));
    } catch (err) {
      await finish(true);
      throw failure(err);
    }
    const columns: Column[] = first.fields.map((f) => ({
      name: f.name,
      type: postgresTypeName(f.dataTypeID),
    }));
    const open = cursor;

    async function* batches(): AsyncGenerator<Row[]> {
      let errored = false;
      try {
        let rows = first.rows;
        let seen = rows.length;
        let last = rows.length < firstSize;
        for (;;) {
          if (seen > request.maxRows) throw tooManyRows(request.maxRows);
          if (rows.length) yield rows;
          if (last) break;
          const size = Math.min(batchSize, request.maxRows - seen + 1);
          rows = (await bounded(readBatch(open, size))).rows;
          seen += rows.length;
          last = rows.length < size;
        }
      } catch (err) {
        errored = true;
        throw failure(err);
      } finally {
        // Stopped early by the reader: close the cursor and roll back; failed: drop the connection.
        await finish(errored || ctx.timedOut);
      }
    }
    return { columns, batches: batches() };
  }

  return {
    query,
    async probe(timeoutMs) {
      const result = await query({ sql: 'select 1 as ok', params: {}, timeoutMs, maxRows: 1 });
      for await (const _ of result.batches);
    },
    close: () => pool.end(),
    poolUsage: () => ({ active: pool.totalCount - pool.idleCount, size: poolSize }),
  };
}
