import type { ReportParameter } from '../../contracts/report';
import type { FieldProblem } from '../validation/invalid-field';
import { findPlaceholders, type Placeholder, type SqlDialect } from './sql-placeholders';

const FIELD = 'dataSource.sql';

/** The dialect of a connection; `demo` is the embedded DuckDB. Others are known once data sources exist. */
export function dialectOfConnection(connectionId: string): SqlDialect | undefined {
  return connectionId === 'demo' ? 'duckdb' : undefined;
}

const problem = (p: Placeholder, code: string, message: string): FieldProblem => ({
  field: FIELD,
  code,
  message,
  line: p.line,
  column: p.column,
});

/**
 * Checks the SQL's placeholders against the declared parameters, per dialect:
 * DuckDB `$name`; PostgreSQL `$1..$n` (the n declared parameters, in order, each used);
 * SQL Server `@name` (case-insensitive); unknown dialect: any of these, each declared.
 */
export function checkSqlParameters(
  sql: string,
  parameters: readonly Pick<ReportParameter, 'name'>[],
  dialect: SqlDialect | undefined,
): FieldProblem[] {
  const declared = new Set(parameters.map((p) => p.name));
  const declaredCi = new Set(parameters.map((p) => p.name.toLowerCase()));
  const problems: FieldProblem[] = [];
  const undeclared = (p: Placeholder) =>
    problem(p, 'undeclared_parameter', `uses ${p.text} (line ${p.line}), which is not a declared parameter`);
  const positional = (p: Placeholder) => {
    const n = Number(p.name);
    return n >= 1 && n <= parameters.length
      ? undefined
      : problem(
          p,
          'undeclared_parameter',
          `uses ${p.text} (line ${p.line}), but ${parameters.length} parameter(s) are declared`,
        );
  };
  const placeholders = findPlaceholders(sql, dialect);
  for (const p of placeholders) {
    let found: FieldProblem | undefined;
    if (dialect === 'duckdb') {
      if (p.kind !== 'named')
        found = problem(p, 'wrong_placeholder_syntax', `uses ${p.text}; DuckDB parameters are written $name`);
      else if (!declared.has(p.name)) found = undeclared(p);
    } else if (dialect === 'postgres') {
      if (p.kind !== 'positional')
        found = problem(
          p,
          'wrong_placeholder_syntax',
          `uses ${p.text}; PostgreSQL parameters are written $1..$n, in the order they are declared`,
        );
      else found = positional(p);
    } else if (dialect === 'sqlserver') {
      if (!declaredCi.has(p.name.toLowerCase())) found = undeclared(p);
    } else if (p.kind === 'positional') found = positional(p);
    else if (!declared.has(p.name)) found = undeclared(p);
    if (found) problems.push(found);
  }
  if (dialect === 'postgres' && problems.length === 0) {
    const used = new Set(placeholders.map((p) => Number(p.name)));
    parameters.forEach((param, index) => {
      if (!used.has(index + 1))
        problems.push({
          field: FIELD,
          code: 'unused_parameter',
          message: `does not use $${index + 1} (parameter "${param.name}"); PostgreSQL needs every declared parameter`,
        });
    });
  }
  return problems;
}
