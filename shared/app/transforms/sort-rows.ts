import type { Row } from '../../ports/data-source';
import { isNull, orderValues } from './compare-values';
import { bufferRows, inBatches, type Stage } from './row-stages';

export interface SortKey {
  column: string;
  direction: 'asc' | 'desc';
  nulls?: 'first' | 'last' | undefined;
}

const valueOf = (row: Row, column: string) => (Object.hasOwn(row, column) ? row[column] : null);

/**
 * Sorts in memory (stable), at most `cap` rows — more fail with TRANSFORM_FAILED rather than sorting a
 * part. Nulls go last ascending and first descending (as PostgreSQL) unless `nulls` says otherwise.
 */
export function sortRows(keys: readonly SortKey[], cap: number): Stage {
  const compare = (a: Row, b: Row) => {
    for (const key of keys) {
      const x = valueOf(a, key.column);
      const y = valueOf(b, key.column);
      const nullsFirst = (key.nulls ?? (key.direction === 'asc' ? 'last' : 'first')) === 'first';
      if (isNull(x) || isNull(y)) {
        if (isNull(x) && isNull(y)) continue;
        return isNull(x) === nullsFirst ? -1 : 1;
      }
      const c = orderValues(x, y);
      if (c !== 0) return key.direction === 'asc' ? c : -c;
    }
    return 0;
  };
  return async function* (input) {
    const rows = await bufferRows(input, cap, 'sort');
    rows.sort(compare);
    yield* inBatches(rows);
  };
}
