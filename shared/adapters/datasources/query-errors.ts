import { AppError } from '../../domain/errors';

/**
 * The errors every data source adapter answers with, so runs and the `test` endpoint read them alike. A
 * timeout is the tenant's query being too heavy for its limit: not retried (running it again takes as
 * long). `limit` names the limit that ended it, e.g. the data source's `statementTimeoutMs`.
 */
export const queryTimedOut = (timeoutMs: number, cause?: unknown, limit = 'the query time limit') =>
  new AppError(
    'QUERY_TIMEOUT',
    `The query ran longer than ${limit} of ${timeoutMs} ms`,
    {
      timeoutMs,
      suggestedFix:
        'Narrow the query (filters, aggregation, fewer rows) so it finishes within the limit, or raise the limit.',
    },
    { cause },
  );

export const tooManyRows = (maxRows: number) =>
  new AppError('QUERY_FAILED', `The query returned more than ${maxRows} rows`, {
    maxRows,
    suggestedFix: 'Filter or aggregate in the query; rows beyond the limit are never silently dropped.',
  });

/** The first line of a driver's message, bounded: enough to fix the SQL, never a stack. */
export function firstLine(err: unknown, fallback = 'query failed'): string {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : fallback;
  return (message.split('\n')[0] ?? fallback).slice(0, 500);
}

export const queryFailed = (err: unknown, suggestedFix: string, details: Record<string, unknown> = {}) =>
  new AppError('QUERY_FAILED', firstLine(err), { ...details, suggestedFix }, { cause: err });

/** The database could not be reached or refused the login; `retryable` says whether waiting can help. */
export const sourceUnavailable = (
  message: string,
  retryable: boolean,
  details: Record<string, unknown> = {},
  cause?: unknown,
) => new AppError('DATA_SOURCE_UNAVAILABLE', message, details, { cause, retryable });
