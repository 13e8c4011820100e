import { AppError } from '../../domain/errors';
import type { ParamValue, QueryRequest } from '../../ports/data-source';

/**
 * A query request for drivers with positional placeholders (PostgreSQL `$1..$n`). `parameterOrder` names
 * the parameter bound to each position; without it, positions follow the order of `params` — the order the
 * report declares its parameters in (names never start with a digit, so object order is insertion order) —
 * or, when every key is a number (`{"1": …, "2": …}`), those numbers.
 */
export type PositionalQueryRequest = QueryRequest;

export function positionalValues(request: PositionalQueryRequest): ParamValue[] {
  const { params } = request;
  const keys = Object.keys(params);
  if (request.parameterOrder) return request.parameterOrder.map((name) => params[name] ?? null);
  if (keys.length > 0 && keys.every((k) => /^[1-9][0-9]*$/.test(k))) {
    const n = Math.max(...keys.map(Number));
    if (n > 1000) throw new AppError('VALIDATION_ERROR', 'At most 1000 positional parameters', { n });
    return Array.from({ length: n }, (_, i) => params[String(i + 1)] ?? null);
  }
  return keys.map((k) => params[k] ?? null);
}
