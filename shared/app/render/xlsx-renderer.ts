import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Column, Row } from '../../ports/data-source';
import { rowBatches, rowsOf } from './row-batches';
import { sheetBackpressure } from './xlsx-backpressure';
import { cellKindOf, createCellConverter, currencyFormat, dateFormat, dateTimeFormat } from './xlsx-cells';
import { columnWidths } from './xlsx-column-widths';
import { sheetNameOf } from './xlsx-sheet-name';

export interface XlsxOptions {
  /** The sheet's name: the report's, made acceptable to Excel. */
  sheetName: string;
  /** Instants are written as the wall clock of this IANA zone (Excel dates carry none). */
  timeZone: string;
  currency?: { code: string; columns: string[] };
}

/** The first rows as written (dates as `yyyy-mm-dd hh:mm:ss` text), for the artifact preview. */
export interface XlsxPreview {
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

export interface RenderedXlsx {
  body: Readable;
  /** Complete once `body` has ended. */
  preview: () => XlsxPreview;
}

const previewCell = (value: unknown) =>
  value instanceof Date
    ? value
        .toISOString()
        .slice(0, 19)
        .replace('T', ' ')
        .replace(/ 00:00:00$/, '')
    : value;

/**
 * One-sheet XLSX, streamed with exceljs's WorkbookWriter so memory stays flat whatever the row count:
 * typed cells (numbers, dates in the report's time zone, currency), a bold header row frozen and
 * auto-filtered, column widths from the header and the first batch, text guarded against formula
 * injection as in CSV. Inline strings, not a shared-string table (that table would grow with the rows).
 * The writer waits whenever the artifact stream is read more slowly than rows come (xlsx-backpressure.ts).
 */
export function renderXlsx(
  columns: Column[],
  rows: AsyncIterable<Row>,
  options: XlsxOptions,
  previewLimit = 100,
): RenderedXlsx {
  const output = new PassThrough();
  const names = columns.map((c) => c.name);
  const kinds = columns.map(cellKindOf);
  const cellValue = createCellConverter(options.timeZone);
  const preview: XlsxPreview = { columns: names, rows: [], truncated: false };
  const currencyColumns = new Set(options.currency?.columns ?? []);

  async function write() {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(sheetNameOf(options.sheetName), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const waitForDrain = sheetBackpressure(sheet);
    let rowCount = 0;
    let started = false;

    const start = (sample: unknown[][]) => {
      const widths = columnWidths(names, kinds, sample);
      sheet.columns = names.map((name, c) => {
        const kind = kinds[c]!;
        const numFmt =
          kind === 'date'
            ? dateFormat
            : kind === 'instant' || kind === 'datetime'
              ? dateTimeFormat
              : options.currency && currencyColumns.has(name)
                ? currencyFormat(options.currency.code)
                : undefined;
        return {
          key: name,
          ...(widths[c] === undefined ? {} : { width: widths[c] }),
          ...(numFmt ? { style: { numFmt } } : {}),
        };
      });
      const header = sheet.addRow(names);
      header.font = { bold: true };
      header.commit();
      started = true;
    };

    for await (const batch of rowBatches(rows)) {
      if (output.destroyed) return;
      const values: unknown[][] = [];
      if (
        !Array.isArray(batch) &&
        batch.names.length === names.length &&
        batch.names.every((n, i) => n === names[i])
      )
        for (const raw of batch.values) values.push(raw.map((v, c) => cellValue(kinds[c]!, v)));
      else
        for (const row of rowsOf(batch)) values.push(names.map((name, c) => cellValue(kinds[c]!, row[name])));
      if (!started) start(values);
      for (const cells of values) {
        sheet.addRow(cells).commit();
        if (preview.rows.length < previewLimit)
          preview.rows.push(Object.fromEntries(names.map((name, c) => [name, previewCell(cells[c])])));
        else preview.truncated = true;
      }
      rowCount += values.length;
      await waitForDrain?.(output);
    }
    if (!started) start([]);
    sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: rowCount + 1, column: Math.max(1, names.length) },
    };
    sheet.commit();
    await workbook.commit();
  }

  write().catch((err: unknown) => output.destroy(err instanceof Error ? err : new Error(String(err))));
  return { body: output, preview: () => preview };
}
