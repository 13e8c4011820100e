import type { FilterOp } from '../../contracts/transform';
import type { Row } from '../../ports/data-source';
import { compareValues, isNull, type Value } from './compare-values';

export interface Condition {
  column: string;
  op: FilterOp;
  value?: Value;
}

/**
 * One condition as a predicate, with typed comparisons (`compareValues`): a number matches numbers and
 * numeric strings, a string matches strings, a boolean booleans. A null cell matches only `isNull` (and
 * `eq null`); values of another kind never match, `ne` included — as in SQL, nothing is coerced silently.
 */
export function compileCondition(condition: Condition): (row: Row) => boolean {
  const { column, op, value } = condition;
  const cell = (row: Row) => (Object.hasOwn(row, column) ? row[column] : null);
  const compared = (test: (c: number) => boolean) => (row: Row) => {
    const c = compareValues(cell(row), value);
    return c !== undefined && test(c);
  };
  const text = (test: (s: string, v: string) => boolean) => (row: Row) => {
    const v = cell(row);
    return typeof v === 'string' && typeof value === 'string' && test(v, value);
  };
  const list = Array.isArray(value) ? (value as Value[]) : [];
  const inList = (row: Row) => {
    const v = cell(row);
    return !isNull(v) && list.some((item) => compareValues(v, item) === 0);
  };
  switch (op) {
    case 'eq':
      return value === null ? (row) => isNull(cell(row)) : compared((c) => c === 0);
    case 'ne':
      return value === null ? (row) => !isNull(cell(row)) : compared((c) => c !== 0);
    case 'lt':
      return compared((c) => c < 0);
    case 'lte':
      return compared((c) => c <= 0);
    case 'gt':
      return compared((c) => c > 0);
    case 'gte':
      return compared((c) => c >= 0);
    case 'in':
      return inList;
    case 'notIn':
      return (row) => !isNull(cell(row)) && !inList(row);
    case 'contains':
      return text((s, v) => s.includes(v));
    case 'startsWith':
      return text((s, v) => s.startsWith(v));
    case 'endsWith':
      return text((s, v) => s.endsWith(v));
    case 'isNull':
      return (row) => isNull(cell(row));
    case 'isNotNull':
      return (row) => !isNull(cell(row));
  }
}
