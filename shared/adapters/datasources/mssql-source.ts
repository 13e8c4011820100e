import type { Socket } from 'node:net';
import sql from 'mssql';
import { AppError, isAppError } from '../../domain/errors';
import type { Column, QueryRequest, QueryResult } from '../../ports/data-source';
import { connectGuarded } from '../http/guarded-socket';
import type { OutboundPolicy } from '../http/outbound-policy';
import type { ConnectedSource } from './connected-source';
import { toMssqlInputs, type MssqlParamType } from './mssql-parameters';
import { firstLine, queryFailed, queryTimedOut, sourceUnavailable, tooManyRows } from './query-errors';
import { createRowBatchQueue } from './row-batch-queue';
import { assertSelectStatement } from './select-only';

export interface MssqlSourceOptions {
  host: string;
  port: number;
  database: string;
  /** SQL login, or Microsoft Entra ID through the managed identity (DefaultAzureCredential). */
  authentication: { type: 'sql'; user: string; password: string } | { type: 'managed-identity' };
  /** Default 60 s; the report's timeout applies when shorter. */
  requestTimeoutMs?: number;
  maxConnections?: number;
  connectTimeoutMs?: number;
  batchSize?: number;
  policy: OutboundPolicy;
}

const sqlTypes: Record<MssqlParamType, sql.ISqlType | (() => sql.ISqlType)> = {
  NVarChar: sql.NVarChar(sql.MAX),
  BigInt: sql.BigInt,
  Float: sql.Float,
  Bit: sql.Bit,
};

type TediousConnector = (
  options: { host: string; port: number },
  lookup: unknown,
  signal?: AbortSignal,
) => Promise<Socket>;

function columnsOf(metadata: sql.IColumnMetadata): Column[] {
  return Object.values(metadata)
    .sort((a, b) => a.index - b.index)
    .map((c) => ({ name: c.name, type: (c.type as { declaration?: string }).declaration ?? 'unknown' }));
}

function mssqlError(err: unknown, context: { timeoutMs: number; timedOut: boolean; host: string }): AppError {
  if (isAppError(err)) return err;
  const code = (err as { code?: string }).code;
  const cause = (err as { originalError?: unknown }).originalError;
  if (isAppError(cause)) return cause;
  if (context.timedOut || code === 'ETIMEOUT' || code === 'ECANCEL')
    return queryTimedOut(context.timeoutMs, err);
  if (code === 'ELOGIN')
    return sourceUnavailable(
      `The database refused the login: ${firstLine(err)}`,
      false,
      { host: context.host },
      err,
    );
  if (code === 'ESOCKET' || code === 'ECONNCLOSED' || code === 'ENOTOPEN' || code === 'ENOCONN')
    return sourceUnavailable(
      `Could not reach the database at ${context.host}: ${firstLine(err)}`,
      true,
      { host: context.host },
      err,
    );
  const number = (err as { number?: number }).number;
  return queryFailed(err, 'Check table and column names, the SQL syntax and the parameter types.', {
    ...(number === undefined ? {} : { sqlErrorNumber: number }),
  });
}

/**
 * Azure SQL / Synapse through `mssql` (tedious). NOT TESTED HERE: no SQL Server runs on this machine, so
 * only the parameter mapping and the batch queue have tests; this file is reviewed, not exercised.
 *
 * Named `@name` parameters are bound with types (`toMssqlInputs`), never spliced. Rows stream
 * (`request.stream`) into batches with back-pressure (pause/resume); more than `maxRows` rows cancel the
 * request and fail with QUERY_FAILED; the request timeout and a client-side timer give QUERY_TIMEOUT.
 * SQL Server has no read-only transaction, so each query runs in a transaction that is always rolled back
 * (whatever it wrote does not persist), with ApplicationIntent=ReadOnly; give the login db_datareader only —
 * a T-SQL batch can hold more than one statement and side effects outside the transaction (xp_*, linked
 * servers) are only stopped by the login's permissions. Sockets go through the SSRF guard (tedious's
 * `connector`), Azure SQL's redirect to another node included.
 */
export function createMssqlSource(options: MssqlSourceOptions): ConnectedSource {
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const batchSize = options.batchSize ?? 1000;
  const connector: TediousConnector = (target, _lookup, signal) =>
    connectGuarded(options.policy, target.host, target.port, signal);
  const config: sql.config = {
    server: options.host,
    port: options.port,
    database: options.database,
    connectionTimeout: options.connectTimeoutMs ?? 15_000,
    requestTimeout: requestTimeoutMs,
    pool: { max: options.maxConnections ?? 5, min: 0, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: true,
      trustServerCertificate: false,
      readOnlyIntent: true,
      appName: 'report-scheduler',
      connector: connector as unknown as () => Promise<Socket>,
    },
    ...(options.authentication.type === 'sql'
      ? { user: options.authentication.user, password: options.authentication.password }
      : { authentication: { type: 'azure-active-directory-default', options: {} } }),
  };
  const pool = new sql.ConnectionPool(config);
  pool.on('error', () => undefined);
  let connecting: Promise<sql.ConnectionPool> | undefined;
  const connected = () => {
    connecting ??= pool.connect().catch((err: unknown) => {
      connecting = undefined;
      throw err;
    });
    return connecting;
  };

  async function query(request: QueryRequest): Promise<QueryResult> {
    assertSelectStatement(request.sql);
    const inputs = toMssqlInputs(request.params);
    const ctx = { timeoutMs: request.timeoutMs, timedOut: false, host: options.host };
    let transaction: sql.Transaction | undefined;
    let req: sql.Request | undefined;
    const timer = setTimeout(() => {
      ctx.timedOut = true;
      req?.cancel();
    }, request.timeoutMs);
    const rollback = async () => {
      clearTimeout(timer);
      await transaction?.rollback().catch(() => undefined);
    };
    try {
      transaction = new sql.Transaction(await connected());
      await transaction.begin(sql.ISOLATION_LEVEL.READ_COMMITTED);
      req = new sql.Request(transaction);
      req.stream = true;
      for (const input of inputs) req.input(input.name, sqlTypes[input.type], input.value);
    } catch (err) {
      await rollback();
      throw mssqlError(err, ctx);
    }
    const running = req;
    let seen = 0;
    let recordsets = 0;
    const queue = createRowBatchQueue({
      batchSize,
      pause: () => running.pause(),
      resume: () => running.resume(),
      onStop: () => running.cancel(),
    });
    const columns = new Promise<Column[]>((resolve, reject) => {
      running.on('recordset', (metadata: sql.IColumnMetadata) => {
        recordsets++;
        if (recordsets > 1) {
          queue.fail(
            new AppError('QUERY_FAILED', 'The SQL returned more than one result set; write one SELECT'),
          );
          running.cancel();
        } else resolve(columnsOf(metadata));
      });
      running.on('row', (row: Record<string, unknown>) => {
        seen++;
        if (seen > request.maxRows) {
          queue.fail(tooManyRows(request.maxRows));
          running.cancel();
        } else queue.push(row);
      });
      running.on('error', (err: unknown) => {
        const mapped = mssqlError(err, ctx);
        reject(mapped);
        queue.fail(mapped);
      });
      running.on('done', () => {
        resolve([]);
        queue.end();
      });
    });
    running.query(request.sql).catch(() => undefined); // outcomes arrive as events
    let known: Column[];
    try {
      known = await columns;
    } catch (err) {
      await rollback();
      throw err;
    }
    async function* batches() {
      try {
        yield* queue.batches();
      } finally {
        await rollback();
      }
    }
    return { columns: known, batches: batches() };
  }

  return {
    query,
    async probe(timeoutMs) {
      const result = await query({ sql: 'select 1 as ok', params: {}, timeoutMs, maxRows: 1 });
      for await (const _ of result.batches);
    },
    async close() {
      await pool.close();
    },
  };
}
