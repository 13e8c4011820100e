import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import type { Column, Row } from '../../ports/data-source';

export interface CsvOptions {
  delimiter?: string;
  bom?: boolean;
}

/** Text that a spreadsheet would run as a formula: = + - @ or a leading tab / carriage return. */
const formulaStart = /^[=+\-@\t\r]/;

/** Neutralises spreadsheet formula injection in text cells by prefixing a single quote (OWASP advice). */
export function guardCell(value: unknown): unknown {
  if (typeof value === 'string' && formulaStart.test(value)) return `'${value}`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** RFC 4180 CSV, streamed row by row with a header row; memory stays flat whatever the row count. */
export function renderCsv(columns: Column[], rows: AsyncIterable<Row>, options: CsvOptions = {}): Readable {
  const names = columns.map((c) => c.name);
  const csv = stringify({
    header: true,
    columns: names,
    delimiter: options.delimiter ?? ',',
    bom: options.bom ?? false,
    record_delimiter: 'windows',
    // RFC 4180: a field holding CR or LF must be quoted, whatever the record delimiter.
    quoted_match: /[\r\n]/,
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
  async function* guarded() {
    for await (const row of rows) yield names.map((name) => guardCell(row[name]));
  }
  const source = Readable.from(guarded(), { objectMode: true });
  source.on('error', (err) => csv.destroy(err));
  return source.pipe(csv);
}
