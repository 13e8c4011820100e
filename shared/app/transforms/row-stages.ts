import { AppError } from '../../domain/errors';
import type { Row } from '../../ports/data-source';

/** One step of the pipeline: batches in, batches out. */
export type Stage = (input: AsyncIterable<Row[]>) => AsyncGenerator<Row[]>;

export const OUTPUT_BATCH = 1000;

/** Row by row (select, rename, compute): streaming. */
export const mapRows = (fn: (row: Row) => Row): Stage =>
  async function* (input) {
    for await (const batch of input) yield batch.map(fn);
  };

/** Streaming; empty batches are dropped. */
export const filterRows = (keep: (row: Row) => boolean): Stage =>
  async function* (input) {
    for await (const batch of input) {
      const kept = batch.filter(keep);
      if (kept.length) yield kept;
    }
  };

/** Streaming; stops reading the source once `count` rows are out (the source then releases its connection). */
export const limitRows = (count: number, offset = 0): Stage =>
  async function* (input) {
    let skip = offset;
    let left = count;
    for await (const batch of input) {
      let rows = batch;
      if (skip) {
        const dropped = Math.min(skip, rows.length);
        rows = rows.slice(dropped);
        skip -= dropped;
      }
      if (rows.length > left) rows = rows.slice(0, left);
      left -= rows.length;
      if (rows.length) yield rows;
      if (left === 0) return;
    }
  };

export const tooManyToBuffer = (what: string, cap: number) =>
  new AppError('TRANSFORM_FAILED', `${what} holds at most ${cap} rows in memory`, {
    cap,
    suggestedFix: 'Filter, aggregate or limit in the query (or before this step) so fewer rows reach it.',
  });

/** Reads every row (sort and group need them all), refusing more than `cap`. */
export async function bufferRows(input: AsyncIterable<Row[]>, cap: number, what: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of input) {
    if (rows.length + batch.length > cap) throw tooManyToBuffer(what, cap);
    for (const row of batch) rows.push(row);
  }
  return rows;
}

export function* inBatches(rows: Row[]): Generator<Row[]> {
  for (let i = 0; i < rows.length; i += OUTPUT_BATCH) yield rows.slice(i, i + OUTPUT_BATCH);
}
