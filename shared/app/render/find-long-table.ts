/** A table's body rows cut out of a document, and the document around them. */
export interface LongTable {
  /** The document up to the first row of the body, ending with the `<tbody …>` tag (and any space after it). */
  head: string;
  /** Where the table's `<table` tag starts in `head`. */
  tableStart: number;
  /** The body's rows as written, each from its `<tr` up to the next row (or `</tbody>`). */
  rows: string[];
  /** The document from `</tbody>` on. */
  tail: string;
}

const tag = /<!--[\s\S]*?-->|<(\/?)(table|tbody|tr)\b[^>]*>/gi;

interface OpenTable {
  start: number;
  /** Start of the row region (after `<tbody …>`) while a body of this table is open. */
  bodyStart?: number | undefined;
  rowStarts: number[];
}

/**
 * The `<tbody>` with the most rows in a rendered document (rows of nested tables stay inside their
 * cells), if it has at least `minRows`. A plain scan of the tags the template engine wrote, not a full
 * HTML parser: a body without its closing `</tbody>`, or rows written outside a `<tbody>`, are not found,
 * and the document is then printed whole.
 */
export function findLongTable(html: string, minRows: number): LongTable | undefined {
  const open: OpenTable[] = [];
  let best: { table: OpenTable; bodyStart: number; rowStarts: number[]; end: number } | undefined;
  for (const m of html.matchAll(tag)) {
    const [text, closing, nameRaw] = m;
    if (nameRaw === undefined) continue; // a comment
    const name = nameRaw.toLowerCase();
    const at = m.index;
    const table = open.at(-1);
    if (name === 'table') {
      if (!closing) open.push({ start: at, rowStarts: [] });
      else open.pop();
    } else if (name === 'tbody' && table) {
      if (!closing) {
        table.bodyStart = at + text.length;
        table.rowStarts = [];
      } else if (table.bodyStart !== undefined) {
        const rows = table.rowStarts.length;
        if (rows >= minRows && rows > (best?.rowStarts.length ?? 0))
          best = { table, bodyStart: table.bodyStart, rowStarts: table.rowStarts, end: at };
        table.bodyStart = undefined;
      }
    } else if (name === 'tr' && !closing && table?.bodyStart !== undefined) {
      table.rowStarts.push(at);
    }
  }
  if (!best) return undefined;
  const { rowStarts, end } = best;
  return {
    head: html.slice(0, rowStarts[0]),
    tableStart: best.table.start,
    rows: rowStarts.map((start, i) => html.slice(start, rowStarts[i + 1] ?? end)),
    tail: html.slice(end),
  };
}
