import { Readable } from 'node:stream';
import type { Row } from '../../ports/data-source';

/** A JSON array of row objects, streamed. */
export function renderJson(rows: AsyncIterable<Row>): Readable {
  async function* chunks() {
    let first = true;
    yield '[';
    for await (const row of rows) {
      yield (first ? '\n' : ',\n') + JSON.stringify(row);
      first = false;
    }
    yield first ? ']' : '\n]\n';
  }
  return Readable.from(chunks());
}
