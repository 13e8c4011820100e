import type { Row } from '../../ports/data-source';
import { compareValues, isNull, toNumber, type Value } from '../transforms/compare-values';
import { ConditionError, type ConditionAggregate } from './compile-condition';

interface Running {
  sum: number;
  count: number;
  best: Value;
}

/**
 * The aggregates a condition asked for, accumulated batch by batch while the rows are staged (one pass, flat
 * memory). Nulls are skipped, as in SQL; `sum` of no rows is 0, `avg` / `min` / `max` of none are null.
 */
export function createAggregator(aggregates: readonly ConditionAggregate[]) {
  const running = new Map<string, Running>(
    aggregates.map((a) => [a.key, { sum: 0, count: 0, best: null }] as const),
  );
  const add = (a: ConditionAggregate, r: Running, value: Value) => {
    if (isNull(value)) return;
    r.count++;
    if (a.fn === 'sum' || a.fn === 'avg') {
      const n = toNumber(value);
      if (n === undefined)
        throw new ConditionError(
          `The condition's ${a.key} met a value that is not a number in column "${a.column}" (${JSON.stringify(value)})`,
          `Aggregate a numeric column, or cast it in the query (e.g. CAST(${a.column} AS DOUBLE)).`,
        );
      r.sum += n;
    } else if (a.fn === 'min' || a.fn === 'max') {
      const c = isNull(r.best) ? undefined : compareValues(value, r.best);
      if (isNull(r.best) || (c !== undefined && (a.fn === 'min' ? c < 0 : c > 0))) r.best = value;
    }
  };
  return {
    add(rows: readonly Row[]) {
      for (const a of aggregates) {
        const r = running.get(a.key)!;
        for (const row of rows) add(a, r, Object.hasOwn(row, a.column) ? row[a.column] : null);
      }
    },
    /** The values by key; a column the data does not have is an error naming the columns it has. */
    values(columns: readonly string[]): Record<string, Value> {
      const out: Record<string, Value> = {};
      for (const a of aggregates) {
        if (!columns.includes(a.column))
          throw new ConditionError(
            `The condition's ${a.key} reads column "${a.column}", which the data does not have (it has: ${columns.join(', ')})`,
            `Change the condition to a column the query returns, e.g. ${a.fn}(${columns.at(-1) ?? 'amount'}), or add "${a.column}" to the query.`,
          );
        const r = running.get(a.key)!;
        out[a.key] =
          a.fn === 'sum'
            ? r.sum
            : a.fn === 'count'
              ? r.count
              : a.fn === 'avg'
                ? r.count === 0
                  ? null
                  : r.sum / r.count
                : r.best;
      }
      return out;
    },
  };
}
