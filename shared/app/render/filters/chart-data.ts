import { TemplateLimitExceeded } from '../template-errors';
import { toNumber } from './to-number';

export const aggregates = ['sum', 'avg', 'min', 'max', 'count'] as const;
export type Aggregate = (typeof aggregates)[number];

interface Bucket {
  sum: number;
  count: number;
  min: number;
  max: number;
}

function ownField(row: unknown, field: string): unknown {
  if (row === null || typeof row !== 'object' || !Object.hasOwn(row, field)) {
    throw new Error(`chart: a row has no field "${field}"`);
  }
  return (row as Record<string, unknown>)[field];
}

function labelOf(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

function settle(bucket: Bucket | undefined, aggregate: Aggregate): number {
  if (!bucket || bucket.count === 0) return 0;
  switch (aggregate) {
    case 'sum':
      return bucket.sum;
    case 'avg':
      return bucket.sum / bucket.count;
    case 'min':
      return bucket.min;
    case 'max':
      return bucket.max;
    case 'count':
      return bucket.count;
  }
}

/**
 * Groups rows by the label field (in order of first appearance) and aggregates each value field per
 * label: one series per value field. null values are skipped; at most `maxPoints` labels.
 */
export function aggregateRows(
  rows: unknown,
  labelField: string,
  valueFields: string[],
  aggregate: Aggregate,
  maxPoints: number,
): { categories: string[]; series: { name: string; values: number[] }[] } {
  if (!Array.isArray(rows))
    throw new Error('chart: the input must be a list of rows, e.g. {{ rows | chart: ... }}');
  const index = new Map<string, number>();
  const buckets = valueFields.map(() => [] as Bucket[]);
  for (const row of rows as unknown[]) {
    const rawLabel = ownField(row, labelField);
    const label = labelOf(rawLabel);
    let i = index.get(label);
    if (i === undefined) {
      i = index.size;
      if (i >= maxPoints) {
        throw new TemplateLimitExceeded(
          'chart',
          `chart limit exceeded (more than ${maxPoints} ${labelField} values)`,
        );
      }
      index.set(label, i);
    }
    valueFields.forEach((field, s) => {
      const n = toNumber('chart', ownField(row, field));
      if (n === null) return;
      const bucket = (buckets[s]![i] ??= { sum: 0, count: 0, min: Infinity, max: -Infinity });
      bucket.sum += n;
      bucket.count += 1;
      bucket.min = Math.min(bucket.min, n);
      bucket.max = Math.max(bucket.max, n);
    });
  }
  const categories = [...index.keys()];
  return {
    categories,
    series: valueFields.map((name, s) => ({
      name,
      values: categories.map((_, i) => settle(buckets[s]![i], aggregate)),
    })),
  };
}
