import { describe, expect, it } from 'vitest';
import { checkSqlParameters } from './check-sql-parameters';
import { findPlaceholders } from './sql-placeholders';

const params = (...names: string[]) => names.map((name) => ({ name }));
const codes = (...args: Parameters<typeof checkSqlParameters>) =>
  checkSqlParameters(...args).map((p) => p.code);

describe('findPlaceholders', () => {
  it('skips strings, quoted identifiers, comments and dollar-quoted text', () => {
    const sql = `select '$a', "col$b", $$ $c $$, $tag$ $d $tag$ -- $e
      /* $f @g */ from t where x = $real and y = 'it''s $h'`;
    expect(findPlaceholders(sql, 'duckdb').map((p) => p.text)).toEqual(['$real']);
    expect(findPlaceholders(sql, 'duckdb')[0]).toMatchObject({ line: 2, column: 36 });
  });

  it('knows @name but not @@system variables or [bracketed] names in SQL Server', () => {
    expect(findPlaceholders('select @@ROWCOUNT, [@x], @region, a$b', 'sqlserver').map((p) => p.text)).toEqual(
      ['@region'],
    );
  });

  it('does not take casts, operators or identifiers for placeholders', () => {
    expect(
      findPlaceholders('select a::int, b @> c, d$1 from t where e = $1', 'postgres').map((p) => p.text),
    ).toEqual(['$1']);
  });
});

describe('checkSqlParameters per dialect', () => {
  it('DuckDB: $name, declared; positional and ? refused; unused declared allowed (templates may use them)', () => {
    expect(codes('select * from s where r = $region', params('region'), 'duckdb')).toEqual([]);
    expect(codes('select * from s where r = $region', params('regions'), 'duckdb')).toEqual([
      'undeclared_parameter',
    ]);
    expect(codes('select * from s where r = $1', params('region'), 'duckdb')).toEqual([
      'wrong_placeholder_syntax',
    ]);
    expect(codes('select * from s where r = ?', params('region'), 'duckdb')).toEqual([
      'wrong_placeholder_syntax',
    ]);
    expect(codes('select 1', params('title'), 'duckdb')).toEqual([]);
  });

  it('PostgreSQL: $1..$n in declaration order, each used, none beyond n', () => {
    expect(codes('select * from s where a = $1 and b = $2 or a = $1', params('a', 'b'), 'postgres')).toEqual(
      [],
    );
    expect(codes('select * from s where a = $3', params('a', 'b'), 'postgres')).toEqual([
      'undeclared_parameter',
    ]);
    expect(codes('select * from s where a = $2', params('a', 'b'), 'postgres')).toEqual(['unused_parameter']);
    expect(codes('select * from s where a = $a', params('a'), 'postgres')).toEqual([
      'wrong_placeholder_syntax',
    ]);
  });

  it('SQL Server: @name, case-insensitive; $ is not a placeholder', () => {
    expect(codes('select * from s where a = @Region and b = $x', params('region'), 'sqlserver')).toEqual([]);
    expect(codes('select * from s where a = @other', params('region'), 'sqlserver')).toEqual([
      'undeclared_parameter',
    ]);
  });

  it('unknown dialect: any syntax, every placeholder declared', () => {
    expect(codes('select * where a = @a and b = $b and c = $2', params('a', 'b'), undefined)).toEqual([]);
    expect(codes('select * where a = @x', params('a'), undefined)).toEqual(['undeclared_parameter']);
    expect(codes('select * where a = $3', params('a', 'b'), undefined)).toEqual(['undeclared_parameter']);
  });

  it('reports each problem with its line and column', () => {
    const [problem] = checkSqlParameters('select 1\nfrom t\nwhere a = $nope', [], 'duckdb');
    expect(problem).toMatchObject({ field: 'dataSource.sql', line: 3, column: 11 });
  });
});
