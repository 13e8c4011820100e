import { findLongTable } from './find-long-table';
import { tableAncestry } from './table-ancestry';
import { widestRows } from './widest-rows';

/**
 * Link target of the row markers, a host that never resolves: `${rowMarkerUrl}${row index}` where a row
 * starts (its first cell's top), `${rowMarkerUrl}end-${row index}` where it ends (that cell's bottom,
 * which is the row's).
 */
export const rowMarkerUrl = 'https://row-marker.invalid/';

const chunkAttribute = 'data-row-chunk';
const collapsedAttribute = 'data-row-collapsed';
const parityAttribute = 'data-row-parity';
const markedAttribute = 'data-row-marked';

const ancestorAttribute = 'data-row-chunk-ancestor';

/**
 * Slices after the first hold only the table and the elements it sits in; their top edges go, as at a
 * page break (where the header row repeats).
 */
const laterSliceStyle = `
body, [${ancestorAttribute}], [${chunkAttribute}] { margin-top: 0 !important; padding-top: 0 !important; border-top-width: 0 !important; }
[${chunkAttribute}] > caption { display: none !important; }`;
/** Slices before the last end with the table (their last page is dropped anyway). */
const earlierSliceStyle = `
[${chunkAttribute}] ~ *, [${ancestorAttribute}] ~ * { display: none !important; }`;
/**
 * Collapsed rows keep their height in Chromium's print layout (not on screen): with no line height,
 * vertical padding or borders they have none, and still give the columns their widths.
 */
const commonStyle = `
tr[${collapsedAttribute}] { visibility: collapse !important; }
tr[${collapsedAttribute}] * { line-height: 0 !important; padding-top: 0 !important; padding-bottom: 0 !important; border-top-width: 0 !important; border-bottom-width: 0 !important; margin-top: 0 !important; margin-bottom: 0 !important; }
tr[${parityAttribute}] { display: none !important; }
a.row-marker { position: absolute !important; display: block !important; width: 1px !important; height: 1px !important; overflow: hidden !important; }
tr[${markedAttribute}] > :first-child { position: relative !important; }
a.row-marker.row-end { top: auto !important; bottom: 0 !important; left: 0 !important; }`;

/** One slice of a row-chunked document: rows `from` (0-based) up to, not including, `to`. */
export interface RowSlice {
  from: number;
  to: number;
  /**
   * The rows from this one on carry markers (default `from`: all). A slice's last page with rows is all
   * that is read back, so marking only its last rows spares Chromium and pdf-lib most of the links.
   */
  markFrom?: number;
}

/** A document whose long table can be printed a slice of rows at a time. */
export interface RowChunkedDocument {
  rowCount: number;
  /**
   * The document with only the slice's rows in the table. The first slice keeps what precedes the table,
   * the last what follows it; the others start at the table's header, as a page does that a break ends
   * (they hold the head, the body's styles and the table's ancestors, nothing else before the table).
   * Each printed row from `markFrom` on, but in the last slice, carries marker links where it starts and
   * ends (`rowMarkerUrl`), so the rows of a printed page can be read back from its link annotations. The widest rows of the whole
   * table sit in every slice, collapsed, so all slices get the whole table's column widths.
   */
  slice(slice: RowSlice): string;
}

const cellOpen = /<t[dh]\b[^>]*>/i;

const withAttribute = (row: string, attribute: string) => row.replace(/^<tr\b/i, `<tr ${attribute}`);

/**
 * The row with a marker link where it starts and one where it ends: both in its first cell, the end one
 * at the cell's bottom (the cell positioned, so the row's bottom). A row that breaks across pages ends on
 * a later page than it starts, and the page it continues on does not start with a row.
 */
function markRow(row: string, index: number): string {
  const cell = cellOpen.exec(row);
  if (!cell) return row;
  const at = cell.index + cell[0].length;
  const markers = `<a class="row-marker" href="${rowMarkerUrl}${index}"></a><a class="row-marker row-end" href="${rowMarkerUrl}end-${index}"></a>`;
  return withAttribute(`${row.slice(0, at)}${markers}${row.slice(at)}`, markedAttribute);
}

/**
 * Splits a rendered document at its longest table (more than `minRows` body rows), or undefined when it
 * has none: the document is then printed whole.
 */
export function rowChunkedDocument(html: string, minRows: number): RowChunkedDocument | undefined {
  const table = findLongTable(html, minRows + 1);
  if (!table || !table.rows.every((row) => cellOpen.test(row))) return undefined;
  const tableTagEnd = table.tableStart + '<table'.length;
  const head = `${table.head.slice(0, table.tableStart)}<table ${chunkAttribute}${table.head.slice(tableTagEnd)}`;
  const ancestry = tableAncestry(head, table.tableStart, ancestorAttribute);
  if (!ancestry || !/<\/head>/i.test(ancestry.ancestorsOnly)) return undefined;
  const withStyle = (doc: string, style: string) => {
    const at = doc.search(/<\/head>/i);
    return `${doc.slice(0, at)}<style>${style}</style>${doc.slice(at)}`;
  };
  const widest = widestRows(table.rows);
  const measure = widest.map((i) => withAttribute(table.rows[i]!, collapsedAttribute)).join('');
  const { rows, tail } = table;
  return {
    rowCount: rows.length,
    slice({ from, to, markFrom = from }) {
      const first = from === 0;
      const last = to >= rows.length;
      const style = `${commonStyle}${first ? '' : laterSliceStyle}${last ? '' : earlierSliceStyle}`;
      // The measuring rows go first; a hidden row more when needed keeps :nth-child(odd/even) row styles on the rows they had.
      const parity = (from + widest.length) % 2 === 1 ? withAttribute(rows[0]!, parityAttribute) : '';
      const body = rows
        .slice(from, to)
        .map((row, i) => (last || from + i < markFrom ? row : markRow(row, from + i)));
      const start = withStyle(first ? ancestry.marked : ancestry.ancestorsOnly, style);
      return `${start}${parity}${measure}${body.join('')}${tail}`;
    },
  };
}
