/** A 1-based position in the report's SQL. */
export interface SqlPosition {
  line: number;
  column: number;
}

/** The 1-based character offset `position` (PostgreSQL's `position` field) as line and column. */
export function positionAtOffset(sql: string, offset: number): SqlPosition | undefined {
  if (!Number.isInteger(offset) || offset < 1 || offset > sql.length + 1) return undefined;
  const before = sql.slice(0, offset - 1).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * DuckDB ends a parser, binder or catalog error with the failing line and a caret under the spot:
 * `LINE 2:   from missing_table\n               ^`. It may shorten a long line to a window starting
 * with `...`, so the shown text is looked up in the real line to find the column.
 */
function duckDbPosition(sql: string, message: string): SqlPosition | undefined {
  const match = /\nLINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!match) return undefined;
  const line = Number(match[1]);
  const shown = match[2]!;
  const caret = match[3]!.length - `LINE ${match[1]}: `.length;
  const text = sql.split('\n')[line - 1];
  if (text === undefined || caret < 0) return undefined;
  const visible = shown.replace(/^\.\.\./, '').replace(/\.\.\.$/, '');
  const cut = shown.length - shown.replace(/^\.\.\./, '').length;
  const start = text.indexOf(visible);
  return { line, column: (start < 0 ? 0 : start) + caret - cut + 1 };
}

/**
 * Where in the SQL a database error points, when it says: PostgreSQL's `position` (a 1-based offset into
 * the statement) or DuckDB's `LINE n:` caret. Undefined when the error names no position.
 */
export function sqlErrorPosition(sql: string, err: unknown): SqlPosition | undefined {
  const position = (err as { position?: unknown } | null)?.position;
  if (typeof position === 'string' || typeof position === 'number')
    return positionAtOffset(sql, Number(position));
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return duckDbPosition(sql, message);
}
