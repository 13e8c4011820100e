import type { Row } from '../../ports/data-source';
import { compareValues, isNull, toNumber, type Value } from './compare-values';
import { inBatches, tooManyToBuffer, type Stage } from './row-stages';

export interface AggregateSpec {
  fn: 'count' | 'countDistinct' | 'sum' | 'avg' | 'min' | 'max';
  column?: string | undefined;
  as: string;
}

interface Accumulator {
  add(value: Value): void;
  result(): Value;
}

/** SQL semantics: nulls are skipped; sum/avg of no number is null; count(*) counts rows. */
function accumulator(fn: AggregateSpec['fn'], counting: boolean): Accumulator {
  let count = 0;
  let sum = 0;
  let numbers = 0;
  let best: Value = null;
  const distinct = new Set<string>();
  return {
    add(value) {
      if (counting) return void count++;
      if (isNull(value)) return;
      count++;
      if (fn === 'countDistinct') distinct.add(JSON.stringify(value) ?? '');
      else if (fn === 'sum' || fn === 'avg') {
        const n = toNumber(value);
        if (n !== undefined) {
          sum += n;
          numbers++;
        }
      } else if (fn === 'min' || fn === 'max') {
        const c = isNull(best) ? undefined : compareValues(value, best);
        if (isNull(best) || (c !== undefined && (fn === 'min' ? c < 0 : c > 0))) best = value;
      }
    },
    result() {
      switch (fn) {
        case 'count':
          return count;
        case 'countDistinct':
          return distinct.size;
        case 'sum':
          return numbers ? sum : null;
        case 'avg':
          return numbers ? sum / numbers : null;
        default:
          return best;
      }
    },
  };
}

const valueOf = (row: Row, column: string) => (Object.hasOwn(row, column) ? (row[column] ?? null) : null);

/**
 * Groups by `keys` (none: one row for everything, even for no input) with aggregates, in order of first
 * appearance. Holds one accumulator set per group, at most `maxGroups` — more fail with TRANSFORM_FAILED.
 */
export function groupRows(
  keys: readonly string[],
  aggregates: readonly AggregateSpec[],
  maxGroups: number,
): Stage {
  return async function* (input) {
    const groups = new Map<string, { key: Value[]; accumulators: Accumulator[] }>();
    const fresh = (key: Value[]) => ({
      key,
      accumulators: aggregates.map((a) => accumulator(a.fn, a.fn === 'count' && a.column === undefined)),
    });
    for await (const batch of input)
      for (const row of batch) {
        const key = keys.map((k) => valueOf(row, k));
        const id = JSON.stringify(key);
        let group = groups.get(id);
        if (!group) {
          if (groups.size >= maxGroups) throw tooManyToBuffer('group by (groups)', maxGroups);
          group = fresh(key);
          groups.set(id, group);
        }
        aggregates.forEach((a, i) =>
          group.accumulators[i]!.add(a.column === undefined ? 1 : valueOf(row, a.column)),
        );
      }
    if (keys.length === 0 && groups.size === 0) groups.set('[]', fresh([]));
    const rows = [...groups.values()].map((g) =>
      Object.fromEntries([
        ...keys.map((k, i) => [k, g.key[i]] as const),
        ...aggregates.map((a, i) => [a.as, g.accumulators[i]!.result()] as const),
      ]),
    );
    yield* inBatches(rows);
  };
}
