import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** The first rows of a CSV or JSON artifact, as `GET /v1/artifacts/{id}/preview` answers them. */
export interface RowsPreview {
  columns: string[];
  rows: Record<string, unknown>[];
  /** True when the file holds more rows than shown. */
  truncated: boolean;
}

/** Characters of text a preview reads at most, whatever the row count (a single huge row stops here). */
const maxPreviewChars = 8_000_000;

/**
 * Decodes a byte stream to text chunks, stopping (and destroying the stream) when `consume` says so.
 * Returns how it ended: the whole file read, stopped by `consume`, or cut at `maxPreviewChars`.
 */
async function scan(
  stream: Readable,
  consume: (text: string) => boolean,
): Promise<'complete' | 'stopped' | 'cut'> {
  const decoder = new StringDecoder('utf8');
  let read = 0;
  try {
    for await (const chunk of stream) {
      const text = decoder.write(chunk as Buffer);
      read += text.length;
      if (!consume(text)) return 'stopped';
      if (read > maxPreviewChars) return 'cut';
    }
    consume(decoder.end());
    return 'complete';
  } finally {
    stream.destroy();
  }
}

/**
 * The first `limit` records of an RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), read as a
 * stream and abandoned once the header and `limit + 1` records are seen. The delimiter is the one of , ; TAB | that the
 * header row uses most outside quotes (the report's delimiter option may have changed since).
 */
export async function previewCsv(stream: Readable, limit: number): Promise<RowsPreview> {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let delimiter: string | undefined;
  let pending = '';
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
    field = '';
  };
  const ended = await scan(stream, (text) => {
    if (delimiter === undefined) {
      pending += text;
      const lineEnd = pending.search(/\r?\n/);
      if (lineEnd < 0 && text !== '') return true;
      delimiter = sniffDelimiter(pending.slice(0, lineEnd < 0 ? undefined : lineEnd));
      text = pending.replace(/^\uFEFF/, '');
    }
    for (const ch of text) {
      if (quoted) {
        if (ch === '"') {
          quoted = false;
          afterQuote = true;
        } else field += ch;
        continue;
      }
      if (ch === '"') {
        if (afterQuote) field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (ch === delimiter) {
        record.push(field);
        field = '';
      } else if (ch === '\n') {
        endRecord();
        if (records.length > limit + 1) return false;
      } else if (ch !== '\r') field += ch;
    }
    return true;
  });
  // A record cut at the size cap is incomplete: leave it out.
  if (ended === 'complete' && (field !== '' || record.length)) endRecord();
  const [header = [], ...body] = records;
  return {
    columns: header,
    rows: body
      .slice(0, limit)
      .map((values) => Object.fromEntries(header.map((name, i) => [name, values[i] ?? null]))),
    truncated: body.length > limit || ended === 'cut',
  };
}

function sniffDelimiter(headerLine: string): string {
  const outside = headerLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = outside.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

/**
 * The first `limit` elements of a top-level JSON array (or of NDJSON), read as a stream: a small scanner
 * tracks strings and nesting to cut out each element, and only those are parsed. Columns are the keys
 * of the rows shown, in first-seen order.
 */
export async function previewJson(stream: Readable, limit: number): Promise<RowsPreview> {
  const rows: Record<string, unknown>[] = [];
  let mode: 'array' | 'lines' | undefined;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  let truncated = false;
  /** Parses the element just cut out; false once the preview is full. */
  const take = () => {
    const text = element.trim();
    element = '';
    if (!text) return true;
    if (rows.length >= limit) {
      truncated = true;
      return false;
    }
    const value = JSON.parse(text) as unknown;
    rows.push(
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : { value },
    );
    return true;
  };
  const ended = await scan(stream, (text) => {
    for (const ch of text) {
      if (mode === undefined) {
        if (/\s/.test(ch)) continue;
        mode = ch === '[' ? 'array' : 'lines';
        if (mode === 'array') continue;
      }
      if (inString) {
        element += ch;
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      const boundary = mode === 'array' ? ch === ',' || ch === ']' : ch === '\n';
      if (depth === 0 && boundary) {
        if (!take() || (mode === 'array' && ch === ']')) return false;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      else if (ch === '"') inString = true;
      element += ch;
    }
    return true;
  });
  if (ended === 'complete') take();
  if (ended === 'cut') truncated = true;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return { columns, rows, truncated };
}
