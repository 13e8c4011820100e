import type { Row } from '../../ports/data-source';

/** Rows as their values in the order of `names` (how staged rows are mostly stored). */
export interface ValueBatch {
  names: readonly string[];
  values: unknown[][];
}

/**
 * Rows that can also be read a batch at a time, as staged rows are (one batch per staged line). Streaming
 * renderers take the batches when offered: a million `for await` steps cost more than writing the CSV, and
 * a renderer that writes values in column order (CSV) can skip building a million row objects. Read it
 * once, one way or the other.
 */
export interface BatchedRows extends AsyncIterable<Row> {
  batches(): AsyncIterable<Row[]>;
  /** The same batches, each as row objects or, where the source holds them so, as values in column order. */
  valueBatches(): AsyncIterable<Row[] | ValueBatch>;
}

/** Row objects of a value batch, keys in column order. */
export function rowsOf(batch: Row[] | ValueBatch): Row[] {
  if (Array.isArray(batch)) return batch;
  const { names, values } = batch;
  const rows = new Array<Row>(values.length);
  for (let r = 0; r < values.length; r++) {
    const v = values[r]!;
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = v[c];
    rows[r] = row;
  }
  return rows;
}

export function batchedRows(valueBatches: () => AsyncIterable<Row[] | ValueBatch>): BatchedRows {
  async function* batches() {
    for await (const batch of valueBatches()) yield rowsOf(batch);
  }
  return {
    valueBatches,
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

const isBatched = (rows: AsyncIterable<Row>): rows is BatchedRows =>
  typeof (rows as Partial<BatchedRows>).valueBatches === 'function';

/** The rows in batches, as values where the source has them so: the source's own batches, else one row each. */
export async function* rowBatches(rows: AsyncIterable<Row>): AsyncGenerator<Row[] | ValueBatch> {
  if (isBatched(rows)) yield* rows.valueBatches();
  else for await (const row of rows) yield [row];
}
