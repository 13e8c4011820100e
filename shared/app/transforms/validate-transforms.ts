import { TransformSpec } from '../../contracts/transform';
import { invalidFields, type FieldProblem } from '../validation/invalid-field';
import { planTransforms } from './plan-transforms';

function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (field, key) => (typeof key === 'number' ? `${field}[${key}]` : `${field}.${String(key)}`),
    'transforms',
  );
}

/**
 * Checks a report's transforms when it is saved: the shape (schema), each expression (parsed, bounded),
 * and — when the query's `columns` are known — every column a step names. Returns the problems (empty =
 * valid), with fields like `transforms[2].expression` and, for expression text, the character position.
 */
export function validateTransforms(spec: unknown, columns?: readonly string[]): FieldProblem[] {
  const parsed = TransformSpec.safeParse(spec);
  if (!parsed.success)
    return parsed.error.issues
      .slice(0, 20)
      .map((issue) => ({ field: fieldOf(issue.path), code: issue.code, message: issue.message }));
  return planTransforms(
    parsed.data,
    columns?.map((name) => ({ name, type: 'unknown' })),
  ).problems;
}

/** `validateTransforms`, throwing one VALIDATION_ERROR listing every problem; returns the parsed spec. */
export function assertValidTransforms(spec: unknown, columns?: readonly string[]): TransformSpec {
  const problems = validateTransforms(spec, columns);
  if (problems.length) throw invalidFields(problems);
  return TransformSpec.parse(spec);
}
