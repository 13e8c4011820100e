import type { ExecutionRun, RunError } from '../../contracts/run';
import { AppError } from '../../domain/errors';

const fixes: Partial<Record<string, string>> = {
  QUERY_FAILED: 'Check the report SQL against the data source: table and column names, types and parameters.',
  QUERY_TIMEOUT: 'Narrow the query (filters, aggregation) or raise the report timeout.',
  VALIDATION_ERROR: 'Check the run parameters against the report definition.',
  TEMPLATE_ERROR: 'Fix the template at the line and column given.',
  TEMPLATE_LIMIT: 'Simplify the template: it exceeded a time or size limit.',
  DATA_SOURCE_UNAVAILABLE: 'Check that the data source is reachable and its credentials are valid.',
  NOT_FOUND: 'The report or its data source was deleted; recreate it or delete the schedule.',
};

/** A failure as it is recorded on the run: a stable code, a message and a suggested fix (Error Diagnostics). */
export function toRunError(err: unknown): RunError {
  if (err instanceof AppError) {
    const suggested =
      typeof err.details.suggestedFix === 'string' ? err.details.suggestedFix : fixes[err.code];
    return { code: err.code, message: err.message, suggestedFix: suggested ?? null };
  }
  return {
    code: 'INTERNAL',
    message: 'An unexpected error occurred',
    suggestedFix: 'Retry the run; if it fails again, contact support.',
  };
}

/**
 * What a run records when an activity kept failing on a transient fault (Durable's retries exhausted). The
 * cause — a driver's message, a stack, a server path, an address of the service — is logged with the run
 * id when each attempt fails, never stored where the tenant reads it.
 */
export function retriesExhaustedError(): RunError {
  return {
    code: 'RETRIES_EXHAUSTED',
    message: 'The run failed: a service it depends on kept failing after several attempts',
    suggestedFix:
      'Check that the data source is reachable, then retry the run; if it fails again, contact support with the run id.',
  };
}

const STACK_FRAME = /\s+at\s+(?:[\w$.<>[\] ]+\s+)?\(?(?:[A-Za-z]:)?[\\/][^)\s]*\)?/g;
const SERVER_PATH = /(^|[\s('"=,;])(?:[A-Za-z]:)?[\\/](?:[\w.@~+-]+[\\/])+[\w.@~+-]*/g;
const MAX_MESSAGE = 500;

/**
 * A message as a tenant may read it: one line, no stack frame, no server path (an http URL is kept), bounded.
 * The last guard before a run's error is stored: the messages written for tenants pass unchanged.
 */
export function tenantFacingMessage(message: string): string {
  const line = (message.split(/\r?\n/)[0] ?? '').replace(STACK_FRAME, '').replace(SERVER_PATH, '$1…').trim();
  return (line || 'The run failed').slice(0, MAX_MESSAGE);
}

/** A run as the API shows it: an error stored before `finishRun` guarded messages is cleaned on the way out. */
export function withTenantFacingError(run: ExecutionRun): ExecutionRun {
  return run.error
    ? { ...run, error: { ...run.error, message: tenantFacingMessage(run.error.message) } }
    : run;
}

/**
 * Activities return permanent failures as values (so the Durable retry policy never retries them) and
 * throw transient ones (so it does).
 */
export async function permanentFailureAsValue<T>(
  work: () => Promise<T>,
): Promise<T | { ok: false; error: RunError }> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && !err.retryable) return { ok: false, error: toRunError(err) };
    throw err;
  }
}
