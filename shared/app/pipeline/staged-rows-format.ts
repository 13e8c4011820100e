import type { Column, Row } from '../../ports/data-source';
import type { ValueBatch } from '../render/row-batches';

/**
 * How extractData stages rows for the renderers: JSON lines. The first is `{"columns":[…],"encoding":
 * "batches"}`; each next line is one batch, either positional — `[[v1,v2,…],…]`, values in column order —
 * or `[{…},…]`, row objects. Positional is half the bytes (no repeated keys), which is most of the cost of
 * staging a million rows through Blob storage; it is used for a batch only when every row has exactly the
 * columns as its keys, in order, with no undefined value, so decoding gives back equal objects. Anything
 * else (a REST source whose later rows have more keys, duplicate column names, a column named
 * `__proto__`) is staged as objects.
 * A header without `encoding` is the earlier format: one row object per line.
 */
export interface StagedHeader {
  columns: Column[];
  encoding?: 'batches';
  /** A bursting run's slice: its key and label (burst-slices.ts). */
  slice?: { key: string; label: string };
}

/** The row's values in column order, or undefined when the row is not exactly those columns. */
function positional(row: Row, names: readonly string[]): unknown[] | undefined {
  const values = new Array<unknown>(names.length);
  let i = 0;
  for (const key in row) {
    if (key !== names[i]) return undefined;
    const value = row[key];
    if (value === undefined) return undefined;
    values[i++] = value;
  }
  return i === names.length ? values : undefined;
}

/** Staged text for one query result: the header line, then one line per non-empty batch. */
export async function* encodeStagedRows(
  columns: Column[],
  batches: AsyncIterable<Row[]>,
  onBatch: (rows: number) => void,
  slice?: { key: string; label: string },
): AsyncGenerator<string> {
  const header: StagedHeader = { columns, encoding: 'batches', ...(slice ? { slice } : {}) };
  yield JSON.stringify(header) + '\n';
  const names = columns.map((c) => c.name);
  // Assigning `__proto__` on decode would set the prototype, not a property: such rows stay objects.
  const canPosition = !names.includes('__proto__');
  for await (const batch of batches) {
    if (!batch.length) continue;
    onBatch(batch.length);
    const values = new Array<unknown[]>(batch.length);
    let ok = canPosition;
    for (let r = 0; r < batch.length && ok; r++) {
      const row = positional(batch[r]!, names);
      if (row) values[r] = row;
      else ok = false;
    }
    yield JSON.stringify(ok ? values : batch) + '\n';
  }
}

/** One staged batch line: row objects, or values in column order (rowsOf in row-batches.ts builds the objects). */
export function decodeStagedBatch(line: unknown, names: readonly string[]): Row[] | ValueBatch {
  if (!Array.isArray(line)) throw new Error('staged rows: a batch line is not an array');
  if (!line.length || !Array.isArray(line[0])) return line as Row[];
  return { names, values: line as unknown[][] };
}
