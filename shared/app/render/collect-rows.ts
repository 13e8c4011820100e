import { AppError } from '../../domain/errors';
import type { Row } from '../../ports/data-source';

/**
 * Templates see every row at once (loops, sorts, charts), so HTML and PDF read the staged rows into
 * memory — up to `maxRows`; more fails with TEMPLATE_LIMIT rather than exhausting the worker.
 */
export async function collectRows(rows: AsyncIterable<Row>, maxRows: number): Promise<Row[]> {
  const all: Row[] = [];
  for await (const row of rows) {
    if (all.length >= maxRows) {
      throw new AppError('TEMPLATE_LIMIT', `HTML and PDF reports take at most ${maxRows} rows`, {
        limit: 'rows',
        maxRows,
      });
    }
    all.push(row);
  }
  return all;
}
