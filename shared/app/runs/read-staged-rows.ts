import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Column, Row } from '../../ports/data-source';

/** Reads rows staged by extractData: NDJSON whose first line holds the columns. */
export async function readStagedRows(
  stream: Readable,
): Promise<{ columns: Column[]; rows: AsyncIterable<Row> }> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const head = await lines.next();
  if (head.done) throw new Error('staged rows are empty');
  const { columns } = JSON.parse(head.value) as { columns: Column[] };
  async function* rows(): AsyncGenerator<Row> {
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      if (next.value) yield JSON.parse(next.value) as Row;
    }
  }
  return { columns, rows: rows() };
}
