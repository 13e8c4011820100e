import type { ReportDefinition } from '../../contracts/report';
import type { Column, ParamValue, Row } from '../../ports/data-source';
import { asyncIterableOf } from './async-iterable-of';
import { applyTransforms } from '../transforms/apply-transforms';
import type { PreviewDeps } from './preview-deps';
import { timed } from './timed';

export interface PreviewRows {
  columns: Column[];
  rows: Row[];
  /** The query had more rows than the cap (they were never read). */
  truncated: boolean;
  extractMs: number;
  transformMs: number;
}

/** Reads at most `cap` rows (and one more, to know whether there are more), then stops the query. */
async function readCapped(batches: AsyncIterable<Row[]>, cap: number) {
  const rows: Row[] = [];
  for await (const batch of batches) {
    rows.push(...batch);
    if (rows.length > cap) break;
  }
  return { rows: rows.slice(0, cap), truncated: rows.length > cap };
}

/**
 * The preview's extract and transform: the report's query with its parameters bound, read no further than
 * the cap (leaving the loop closes the driver's cursor; the abort stops what is left on the server), then
 * the report's transforms over those rows. Each step is timed on its own.
 */
export async function extractPreviewRows(
  deps: PreviewDeps,
  tenantId: string,
  report: Pick<ReportDefinition, 'dataSource' | 'transforms'>,
  params: Record<string, ParamValue>,
  cap: number,
): Promise<PreviewRows> {
  const stop = new AbortController();
  const extracted = await timed(async () => {
    try {
      const source = await deps.dataSources.resolve(tenantId, report.dataSource.connectionId);
      const result = await source.query({
        sql: report.dataSource.sql,
        params,
        parameterOrder: report.dataSource.parameters.map((p) => p.name),
        timeoutMs: deps.limits.timeoutMs,
        // The cap is applied while reading: a larger result is not an error here.
        maxRows: Number.MAX_SAFE_INTEGER,
        signal: stop.signal,
      });
      return { columns: result.columns, ...(await readCapped(result.batches, cap)) };
    } finally {
      stop.abort();
    }
  });
  const transformed = await timed(async () => {
    const result = applyTransforms(report.transforms ?? [], {
      columns: extracted.value.columns,
      batches: asyncIterableOf(extracted.value.rows.length ? [extracted.value.rows] : []),
    });
    const rows: Row[] = [];
    for await (const batch of result.batches) rows.push(...batch);
    return { columns: result.columns, rows };
  });
  return {
    ...transformed.value,
    truncated: extracted.value.truncated,
    extractMs: extracted.ms,
    transformMs: transformed.ms,
  };
}
