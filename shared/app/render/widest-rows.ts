const cellStart = /<t[dh]\b[^>]*>/gi;

/** A cell's text length and its longest word, entities counted as one character. */
function measure(cellHtml: string): { length: number; word: number } {
  const text = cellHtml
    .replace(/<[^>]*>/g, '')
    .replace(/&[#\w]+;/g, 'x')
    .trim();
  const word = text.split(/\s+/).reduce((longest, w) => Math.max(longest, w.length), 0);
  return { length: text.length, word };
}

/**
 * Rows that decide a table's column widths: per column, the rows with the longest text (its widest
 * content) and the longest word (its narrowest possible width). A slice of the rows laid out with these
 * beside it (collapsed, so they print nothing) gets the whole table's column widths. Text length stands
 * in for printed width, which is exact for digits and close for words.
 */
export function widestRows(rows: readonly string[], perColumn = 2): number[] {
  const longest: { row: number; size: number }[][] = [];
  const keep = (column: number, kind: number, row: number, size: number) => {
    const slot = (longest[column * 2 + kind] ??= []);
    if (slot.length < perColumn || size > slot.at(-1)!.size) {
      slot.push({ row, size });
      slot.sort((a, b) => b.size - a.size);
      slot.length = Math.min(slot.length, perColumn);
    }
  };
  rows.forEach((row, i) => {
    const cells = row.split(cellStart).slice(1);
    cells.forEach((cell, column) => {
      const { length, word } = measure(cell);
      keep(column, 0, i, length);
      keep(column, 1, i, word);
    });
  });
  return [...new Set(longest.flat().map((c) => c.row))].sort((a, b) => a - b);
}
