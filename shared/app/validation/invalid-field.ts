import { AppError } from '../../domain/errors';

/** One problem with one field of a request body, as VALIDATION_ERROR details list it. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
  /** Where in a text field (SQL, template) the problem is, 1-based. */
  line?: number;
  column?: number;
}

/**
 * A 400 VALIDATION_ERROR in the same shape the pipeline gives schema failures —
 * `{ location: 'body', field, issues }` — for checks a schema cannot express (SQL, templates, URLs).
 * Messages never contain the offending value, so a rejected secret is not echoed.
 */
export function invalidFields(problems: readonly FieldProblem[]): AppError {
  const first = problems[0];
  return new AppError(
    'VALIDATION_ERROR',
    first ? `Invalid body: "${first.field}" ${first.message}` : 'Invalid body',
    { location: 'body', field: first?.field ?? '', issues: problems.slice(0, 20) },
  );
}

export const invalidField = (field: string, code: string, message: string, at: Partial<FieldProblem> = {}) =>
  invalidFields([{ field, code, message, ...at }]);
