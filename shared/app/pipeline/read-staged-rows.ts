import type { Readable } from 'node:stream';
import type { Column, Row } from '../../ports/data-source';
import { batchedRows, type BatchedRows, type ValueBatch } from '../render/row-batches';
import { decodeStagedBatch, type StagedHeader } from './staged-rows-format';

/**
 * Splits a byte stream into lines at `\n` and parses each as JSON. Lines are cut on bytes, not text: a
 * UTF-8 newline byte never occurs inside a multi-byte character, and decoding once per line is far cheaper
 * than readline's per-chunk decoding and regex split.
 */
async function* jsonLines(stream: Readable): AsyncGenerator<unknown> {
  let parts: Buffer[] = [];
  const parse = () => {
    const line = (parts.length === 1 ? parts[0]! : Buffer.concat(parts)).toString('utf8');
    parts = [];
    return line.trim() ? (JSON.parse(line) as unknown) : undefined;
  };
  for await (const piece of stream as AsyncIterable<Buffer | string>) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      parts.push(chunk.subarray(start, nl));
      start = nl + 1;
      const value = parse();
      if (value !== undefined) yield value;
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  }
  if (parts.length) {
    const value = parse();
    if (value !== undefined) yield value;
  }
}

/**
 * Reads rows staged by extractData (format: staged-rows-format.ts). The rows come in the staged batches
 * too, for renderers that take them (see row-batches.ts).
 */
export async function readStagedRows(
  stream: Readable,
): Promise<{ columns: Column[]; rows: BatchedRows; slice?: { key: string; label: string } }> {
  const lines = jsonLines(stream);
  const head = await lines.next();
  if (head.done) throw new Error('staged rows are empty');
  const { columns, encoding, slice } = head.value as StagedHeader;
  const names = columns.map((c) => c.name);
  async function* batches(): AsyncGenerator<Row[] | ValueBatch> {
    for await (const line of lines) {
      yield encoding === 'batches' ? decodeStagedBatch(line, names) : [line as Row];
    }
  }
  return { columns, rows: batchedRows(batches), ...(slice ? { slice } : {}) };
}
