import type { RunError } from '../../contracts/run';
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

/** A failure as it is recorded on the run: a stable code, a message and a suggested fix (spec §4 Error Diagnostics). */
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
