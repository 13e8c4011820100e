/** The SQL dialects whose placeholder syntax we know (DESIGN D9). */
export type SqlDialect = 'duckdb' | 'postgres' | 'sqlserver';

export interface Placeholder {
  /** `$region` → named `region`; `$2` → positional 2; `@region` → at-named `region`; `?` → anonymous. */
  kind: 'named' | 'positional' | 'at' | 'anonymous';
  name: string;
  text: string;
  line: number;
  column: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const DIGITS = /[0-9]+/y;
const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

function matchAt(re: RegExp, sql: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(sql)?.[0];
}

/**
 * Finds the placeholders of a SQL text, skipping string literals, quoted identifiers, comments and
 * dollar-quoted strings (and `[identifiers]` in SQL Server), so `'$5'` or `-- @x` are not placeholders.
 * `@@ROWCOUNT`-style system variables and `::` casts are not placeholders either.
 */
export function findPlaceholders(sql: string, dialect: SqlDialect | undefined): Placeholder[] {
  const found: Placeholder[] = [];
  const word = dialect === 'sqlserver' ? /[A-Za-z0-9_$@#]/ : /[A-Za-z0-9_$]/;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const skipTo = (end: number) => {
    for (let j = i; j < end && j < sql.length; j++)
      if (sql[j] === '\n') {
        line++;
        lineStart = j + 1;
      }
    i = end;
  };
  const closing = (from: number, token: string) => {
    const end = sql.indexOf(token, from);
    return end < 0 ? sql.length : end + token.length;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    const at = { line, column: i - lineStart + 1 };
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      skipTo(j + 1);
    } else if (c === '[' && dialect === 'sqlserver') skipTo(closing(i + 1, ']'));
    else if (c === '-' && next === '-') skipTo(closing(i + 2, '\n'));
    else if (c === '/' && next === '*') skipTo(closing(i + 2, '*/'));
    else if (c === '$') {
      const tag = dialect === 'sqlserver' ? undefined : matchAt(DOLLAR_TAG, sql, i);
      const end = tag ? sql.indexOf(tag, i + tag.length) : -1;
      const digits = matchAt(DIGITS, sql, i + 1);
      const ident = matchAt(IDENT, sql, i + 1);
      if (tag && end >= 0) skipTo(end + tag.length);
      else if (dialect === 'sqlserver') skipTo(i + 1);
      else if (digits) {
        found.push({ kind: 'positional', name: digits, text: `$${digits}`, ...at });
        skipTo(i + 1 + digits.length);
      } else if (ident) {
        found.push({ kind: 'named', name: ident, text: `$${ident}`, ...at });
        skipTo(i + 1 + ident.length);
      } else skipTo(i + 1);
    } else if (c === '@' && (dialect === 'sqlserver' || dialect === undefined)) {
      const ident = next === '@' ? undefined : matchAt(IDENT, sql, i + 1);
      if (ident) found.push({ kind: 'at', name: ident, text: `@${ident}`, ...at });
      skipTo(i + (next === '@' ? 2 : 1) + (ident?.length ?? 0));
    } else if (c === '?' && dialect === 'duckdb') {
      found.push({ kind: 'anonymous', name: '?', text: '?', ...at });
      skipTo(i + 1);
    } else if (/[A-Za-z0-9_]/.test(c)) {
      // Skip a whole word, so `a$1` or `x@y` inside an identifier is not a placeholder.
      let j = i + 1;
      while (j < sql.length && word.test(sql[j]!)) j++;
      skipTo(j);
    } else skipTo(i + 1);
  }
  return found;
}
