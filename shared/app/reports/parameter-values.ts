import { BoundedDate, BoundedInstant } from '../../domain/time-bounds';
import type { ParameterType, ReportParameter } from '../../contracts/report';
import type { FieldProblem } from '../validation/invalid-field';

const isoDate = BoundedDate;
const isoDateTime = BoundedInstant;

const expected: Record<ParameterType, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  date: 'a date YYYY-MM-DD',
  datetime: 'a date-time with offset, e.g. 2025-01-31T09:00:00Z',
};

/** Whether `value` fits a parameter of `type` (null — SQL NULL — fits every type). */
export function fitsParameterType(type: ParameterType, value: unknown): boolean {
  if (value === null) return true;
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return isoDate.safeParse(value).success;
    case 'datetime':
      return isoDateTime.safeParse(value).success;
  }
}

export const describeParameterType = (type: ParameterType) => expected[type];

/**
 * Checks values given for a report's parameters (event trigger, run now): every name declared, every value
 * of its declared type, every required parameter without a default present. `at` prefixes the field names.
 */
export function checkParameterValues(
  declared: readonly ReportParameter[],
  values: Record<string, unknown>,
  at: string,
): FieldProblem[] {
  const byName = new Map(declared.map((p) => [p.name, p]));
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(values)) {
    const param = byName.get(name);
    if (!param)
      problems.push({
        field: `${at}.${name}`,
        code: 'unknown_parameter',
        message: `is not a parameter of this report (declared: ${[...byName.keys()].join(', ') || 'none'})`,
      });
    else if (!fitsParameterType(param.type, value) || (param.required && value === null))
      problems.push({
        field: `${at}.${name}`,
        code: 'invalid_type',
        message: `must be ${expected[param.type]}`,
      });
  }
  for (const param of declared) {
    if (param.required && values[param.name] === undefined && (param.default ?? null) === null)
      problems.push({ field: `${at}.${param.name}`, code: 'required', message: 'is required' });
  }
  return problems;
}
