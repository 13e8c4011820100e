import { AppError, isAppError } from '../../domain/errors';
import { firstLine, queryFailed, queryTimedOut, sourceUnavailable } from './query-errors';

/** A SQLSTATE (five characters) from the server; socket errors carry codes like ECONNREFUSED instead. */
function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A pg or socket error as the product's error: SQLSTATE classes decide what a retry could change. */
export function postgresError(
  err: unknown,
  context: {
    timeoutMs: number;
    timedOut: boolean;
    host: string;
    /** The server's `statement_timeout` (ms) and the setting it comes from, when it ends the statement first. */
    statement?: { ms: number; limit: string };
  },
): AppError {
  if (isAppError(err)) return err;
  const code = sqlState(err);
  if (context.timedOut) return queryTimedOut(context.timeoutMs, err);
  if (code === '57014') {
    const statement = context.statement ?? { ms: context.timeoutMs, limit: 'the query time limit' };
    return queryTimedOut(statement.ms, err, statement.limit);
  }
  if (code === undefined)
    return sourceUnavailable(
      `Could not reach the database at ${context.host}: ${firstLine(err)}`,
      true,
      { host: context.host },
      err,
    );
  if (code === '25006')
    return queryFailed(err, 'Data sources are read-only: write a SELECT that does not modify data.', {
      sqlState: code,
    });
  if (code === '08P01' && /bind message supplies/.test(firstLine(err)))
    return new AppError('VALIDATION_ERROR', firstLine(err), {
      sqlState: code,
      suggestedFix:
        'PostgreSQL binds $1..$n to the declared parameters in order: declare one parameter per placeholder.',
    });
  if (code.startsWith('28') || code === '3D000')
    return sourceUnavailable(
      `The database refused the connection: ${firstLine(err)}`,
      false,
      { sqlState: code, host: context.host },
      err,
    );
  if (code.startsWith('08') || code.startsWith('53') || code.startsWith('57P'))
    return sourceUnavailable(
      `The database is unavailable: ${firstLine(err)}`,
      true,
      { sqlState: code, host: context.host },
      err,
    );
  return queryFailed(err, 'Check table and column names, the SQL syntax and the parameter types.', {
    sqlState: code,
  });
}
