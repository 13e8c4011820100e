import { AppError } from '../../domain/errors';

/**
 * The first keyword of a SQL text after comments, blanks and opening parentheses. Only a guard for clear
 * errors: what really keeps a report from writing is the read-only transaction of each adapter.
 */
export function leadingKeyword(sql: string): string {
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s|\(/.test(c)) i++;
    else if (sql.startsWith('--', i)) i = sql.includes('\n', i) ? sql.indexOf('\n', i) + 1 : sql.length;
    else if (sql.startsWith('/*', i))
      i = sql.includes('*/', i + 2) ? sql.indexOf('*/', i + 2) + 2 : sql.length;
    else break;
  }
  return /^[A-Za-z]+/.exec(sql.slice(i))?.[0].toLowerCase() ?? '';
}

/** Refuses anything but a SELECT (or WITH … SELECT) with QUERY_FAILED, before it reaches the database. */
export function assertSelectStatement(sql: string): void {
  const keyword = leadingKeyword(sql);
  if (keyword !== 'select' && keyword !== 'with')
    throw new AppError('QUERY_FAILED', 'Only SELECT statements may run', {
      statement: keyword || '(empty)',
      suggestedFix: 'Write one SELECT (or WITH … SELECT) statement; data sources are read-only.',
    });
}
