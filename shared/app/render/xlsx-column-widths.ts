import type { CellKind } from './xlsx-cells';

/** Character widths Excel is given: wide enough for the header and the sampled values, never huge. */
const minWidth = 8;
const maxWidth = 60;
const fixedWidths: Partial<Record<CellKind, number>> = { date: 12, instant: 20, datetime: 20 };

function displayLength(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value.toLocaleString('en-US').length + 2;
  if (value instanceof Date) return 19;
  return typeof value === 'string' ? value.length : 5; // booleans
}

/**
 * Column widths from the header and the first rows: a streamed sheet writes its column definitions before
 * its first row, so the widths cannot wait for the last one.
 */
export function columnWidths(
  names: readonly string[],
  kinds: readonly CellKind[],
  sample: readonly (readonly unknown[])[],
): number[] {
  return names.map((name, c) => {
    const fixed = fixedWidths[kinds[c]!];
    let longest = Math.max(name.length + 3, fixed ?? 0); // room for the filter button
    if (fixed === undefined)
      for (const values of sample) longest = Math.max(longest, displayLength(values[c]));
    return Math.min(maxWidth, Math.max(minWidth, longest + 1));
  });
}
