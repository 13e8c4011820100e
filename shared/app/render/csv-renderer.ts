import { Readable } from 'node:stream';
import type { Column, Row } from '../../ports/data-source';
import { rowBatches, rowsOf } from './row-batches';

export interface CsvOptions {
  delimiter?: string | undefined;
  bom?: boolean | undefined;
}

/** Text that a spreadsheet would run as a formula: = + - @ or a leading tab / carriage return. */
const formulaStart = /^[=+\-@\t\r]/;

/** Neutralises spreadsheet formula injection in text cells by prefixing a single quote (OWASP advice). */
export function guardCell(value: unknown): unknown {
  if (typeof value === 'string' && formulaStart.test(value)) return `'${value}`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** Characters of CSV text gathered before a chunk is handed on (after a whole batch): few stream writes, little held. */
const chunkChars = 64 * 1024;

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name, i) => name === b[i]);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * RFC 4180 CSV, streamed with a header row; memory stays flat whatever the row count. Written by hand
 * rather than with csv-stringify (same output: CRLF records, `"` doubled, a field quoted when it holds the
 * delimiter, a quote, CR or LF; booleans as true/false; null as empty): a million-row export spent more
 * time in the library's per-field casting and per-record stream writes than in everything else, so rows
 * are read a batch at a time when the source offers batches and joined into ~64 KB chunks here.
 */
export function renderCsv(columns: Column[], rows: AsyncIterable<Row>, options: CsvOptions = {}): Readable {
  const names = columns.map((c) => c.name);
  const delimiter = options.delimiter ?? ',';
  const mustQuote = new RegExp(`["\\r\\n]|${escapeRegExp(delimiter)}`);
  const field = (text: string) => (mustQuote.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  // Digits, signs, dots and exponents never need quoting unless the delimiter is one of them.
  const numbersNeedCheck = /[\d.eE+\-InfityNa]/.test(delimiter);

  function cell(value: unknown): string {
    switch (typeof value) {
      case 'number':
      case 'bigint':
        return numbersNeedCheck ? field(String(value)) : String(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'undefined':
        return '';
      case 'string': {
        // guardCell's test, by character code: this runs for every text cell.
        const c = value.charCodeAt(0);
        const formula = c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
        return field(formula ? `'${value}` : value);
      }
      default: {
        if (value === null) return '';
        const text = guardCell(value);
        return typeof text === 'string' ? field(text) : '';
      }
    }
  }

  async function* chunks(): AsyncGenerator<Buffer> {
    let text = (options.bom ? '\ufeff' : '') + names.map(field).join(delimiter) + '\r\n';
    for await (const batch of rowBatches(rows)) {
      if (!Array.isArray(batch) && sameNames(batch.names, names)) {
        for (const values of batch.values) {
          let line = names.length ? cell(values[0]) : '';
          for (let i = 1; i < names.length; i++) line += delimiter + cell(values[i]);
          text += line + '\r\n';
        }
      } else {
        for (const row of rowsOf(batch)) {
          let line = names.length ? cell(row[names[0]!]) : '';
          for (let i = 1; i < names.length; i++) line += delimiter + cell(row[names[i]!]);
          text += line + '\r\n';
        }
      }
      if (text.length >= chunkChars) {
        yield Buffer.from(text, 'utf8');
        text = '';
      }
    }
    yield Buffer.from(text, 'utf8');
  }
  return Readable.from(chunks(), { objectMode: false });
}
