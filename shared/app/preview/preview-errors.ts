import type { ReportDefinition } from '../../contracts/report';
import { isAppError } from '../../domain/errors';
import { invalidFields, type FieldProblem } from '../validation/invalid-field';
import { sqlErrorPosition } from './sql-error-position';

/** The problem a preview's user fixes in the editor: the field, and where in it when that is known. */
function problemOf(report: ReportDefinition, err: unknown): FieldProblem | undefined {
  if (!isAppError(err)) return undefined;
  const at = (line: unknown, column: unknown) =>
    typeof line === 'number' && typeof column === 'number' ? { line, column } : {};
  const fix = typeof err.details.suggestedFix === 'string' ? ` ${err.details.suggestedFix}` : '';
  switch (err.code) {
    case 'TEMPLATE_ERROR':
    case 'TEMPLATE_LIMIT': {
      const part = err.details.part;
      return {
        field: typeof part === 'string' ? `template.${part}` : 'emailTemplate',
        code: err.code === 'TEMPLATE_ERROR' ? 'template_error' : 'template_limit',
        // The bare reason: the field, line and column are fields of their own.
        message: typeof err.details.message === 'string' ? err.details.message : err.message,
        ...at(err.details.line, err.details.column),
      };
    }
    case 'QUERY_FAILED':
      return {
        field: 'dataSource.sql',
        code: 'query_failed',
        message: `${err.message}.${fix}`.replace('..', '.'),
        ...sqlErrorPosition(report.dataSource.sql, err.cause),
      };
    case 'TRANSFORM_FAILED':
      return { field: 'transforms', code: 'transform_failed', message: err.message };
    default:
      return undefined;
  }
}

/**
 * Runs a preview; a template, query or transform error becomes a 400 VALIDATION_ERROR naming the field
 * (`template.body`, `dataSource.sql`) with the line and column, so the editor shows it at the line. Other
 * errors (data source unavailable, timeouts) pass through unchanged.
 */
export async function asPositionedError<T>(report: ReportDefinition, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const problem = problemOf(report, err);
    if (!problem) throw err;
    const mapped = invalidFields([problem]);
    mapped.cause = err;
    throw mapped;
  }
}
