import { describe, expect, it } from 'vitest';
import { positionAtOffset, sqlErrorPosition } from './sql-error-position';

describe('sqlErrorPosition', () => {
  it("reads DuckDB's LINE and caret (messages as @duckdb/node-api gives them)", () => {
    const sql = 'select 1,\n  2 form x';
    const err = new Error(
      'Parser Error: syntax error at or near "x"\n\nLINE 2:   2 form x\n                 ^',
    );
    expect(sqlErrorPosition(sql, err)).toEqual({ line: 2, column: 10 });
    const catalog = new Error(
      'Catalog Error: Table with name missing_table does not exist!\nDid you mean "pg_tables"?\n\n' +
        'LINE 2:   from missing_table\n               ^',
    );
    expect(sqlErrorPosition('select *\n  from missing_table', catalog)).toEqual({ line: 2, column: 8 });
  });

  it('finds the column when DuckDB shortened a long line with ...', () => {
    const sql = `select ${'a, '.repeat(40)}nope from t`;
    const at = sql.indexOf('nope');
    const shown = `...${sql.slice(at - 10, at + 10)}...`;
    const err = new Error(`Binder Error: x\n\nLINE 1: ${shown}\n${' '.repeat('LINE 1: '.length + 3 + 10)}^`);
    expect(sqlErrorPosition(sql, err)).toEqual({ line: 1, column: at + 1 });
  });

  it("maps PostgreSQL's 1-based position to line and column", () => {
    const sql = 'select a,\n  nope\nfrom t';
    expect(
      sqlErrorPosition(sql, Object.assign(new Error('column "nope" does not exist'), { position: '13' })),
    ).toEqual({ line: 2, column: 3 });
  });

  it('is undefined when the error names no position', () => {
    expect(sqlErrorPosition('select 1', new Error('connection refused'))).toBeUndefined();
    expect(positionAtOffset('select 1', 99)).toBeUndefined();
  });
});
