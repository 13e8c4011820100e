import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression';
import { ExpressionError } from './expression-error';
import { parseExpression } from './parse-expression';

const row = {
  amount: 12.345,
  qty: 3,
  region: 'North',
  note: null,
  'unit price': '2.50',
  flag: true,
  big: '12345678901234567890',
};
const evaluate = (text: string, r: Record<string, unknown> = row) => compileExpression(text).evaluate(r);
const refuse = (text: string) => {
  try {
    compileExpression(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ExpressionError);
    return err as ExpressionError;
  }
  throw new Error(`accepted: ${text}`);
};

describe('expression language', () => {
  it('computes arithmetic with precedence, parentheses and unary minus', () => {
    expect(evaluate('1 + 2 * 3')).toBe(7);
    expect(evaluate('(1 + 2) * 3')).toBe(9);
    expect(evaluate('10 - 4 - 3')).toBe(3);
    expect(evaluate('7 % 4 + -2')).toBe(1);
    expect(evaluate('qty * [unit price]')).toBe(7.5);
    expect(evaluate('-(qty)')).toBe(-3);
    expect(evaluate('1.5e2 / 3')).toBe(50);
  });

  it('gives null for null, non-numbers and division by zero', () => {
    expect(evaluate('note + 1')).toBeNull();
    expect(evaluate('region * 2')).toBeNull();
    expect(evaluate('qty / 0')).toBeNull();
    expect(evaluate('qty % 0')).toBeNull();
    expect(evaluate('missing + 1')).toBeNull();
  });

  it('compares typed values and combines them with and / or / not', () => {
    expect(evaluate("region = 'North' and qty >= 3")).toBe(true);
    expect(evaluate("region <> 'North' or not flag")).toBe(false);
    expect(evaluate('qty > 2 AND NOT (amount < 10)')).toBe(true);
    expect(evaluate('[unit price] = 2.5')).toBe(true); // numeric text compares as its number
    expect(evaluate("qty = '3'")).toBe(true); // numeric text against a number: compared as numbers
    expect(evaluate('region = 3')).toBeNull(); // not comparable
    expect(evaluate('note = null')).toBeNull();
    expect(evaluate("'b' > 'a'")).toBe(true);
  });

  it('calls the known functions', () => {
    expect(evaluate('round(amount, 2)')).toBe(12.35);
    expect(evaluate('round(amount)')).toBe(12);
    expect(evaluate('round(-2.5)')).toBe(-3);
    expect(evaluate('abs(-qty)')).toBe(3);
    expect(evaluate("upper(region) = 'NORTH'")).toBe(true);
    expect(evaluate('lower(region)')).toBe('north');
    expect(evaluate("concat(region, '-', qty, note, '!')")).toBe('North-3!');
    expect(evaluate("coalesce(note, missing, 'none')")).toBe('none');
    expect(evaluate("TRIM('  x ')")).toBe('x');
    expect(evaluate('length(region)')).toBe(5);
    expect(evaluate('min(qty, 10, note, 2)')).toBe(2);
    expect(evaluate('max(qty, 10, 2)')).toBe(10);
    expect(evaluate("if(qty > 2, 'many', 'few')")).toBe('many');
    expect(evaluate("'it''s'")).toBe("it's");
  });

  it('parses into the same tree as the JSON form, flattening chains', () => {
    expect(parseExpression('a + b + c * 2')).toEqual({
      op: 'add',
      args: [{ column: 'a' }, { column: 'b' }, { op: 'mul', args: [{ column: 'c' }, { value: 2 }] }],
    });
    expect(compileExpression({ op: 'add', args: [{ column: 'qty' }, { value: 1 }] }).evaluate(row)).toBe(4);
    expect(compileExpression('qty + 1').columns).toEqual(new Set(['qty']));
  });

  it('reads only a row’s own columns', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(evaluate(name, {})).toBeNull();
    expect(evaluate('[constructor]', {})).toBeNull();
    expect(evaluate('constructor', { constructor: 5 })).toBe(5);
  });

  it.each([
    ["constructor.constructor('return process')()", 'unexpected character "."'],
    ['this.constructor', 'unexpected character "."'],
    ["process.mainModule.require('child_process')", 'unexpected character "."'],
    ["eval('1')", 'unknown function "eval"'],
    ['eval("1")', 'unexpected character """'],
    ["Function('return 1')()", 'unknown function "Function"'],
    ["constructor('x')", 'unknown function "constructor"'],
    ["__proto__('x')", 'unknown function "__proto__"'],
    ["require('fs')", 'unknown function "require"'],
    ['`whoami`', 'unexpected character "`"'],
    ['${x}', 'unexpected character "$"'],
    ['a; b', 'unexpected character ";"'],
    ['x => x', 'unexpected ">"'],
    ['{}', 'unexpected character "{"'],
    ['a[0]', 'unexpected "0"'], // a name followed by a [column]
    ['round(1, 2)(3)', 'unexpected "("'],
    ["'unclosed", 'not closed'],
    ['1 < 2 < 3', 'chains comparisons'],
    ['1 +', 'ends too early'],
    ['and', 'where a value is expected'],
    ['', 'ends too early'],
    ['12abc', 'unexpected character after the number'],
  ])('refuses %s', (text, message) => {
    expect(refuse(text).message).toContain(message);
  });

  it('bounds nesting and length, without exhausting the stack', () => {
    expect(refuse('('.repeat(10_000) + '1' + ')'.repeat(10_000)).message).toMatch(/longer than|nests deeper/);
    expect(refuse('('.repeat(17) + '1' + ')'.repeat(17)).message).toContain('nests deeper than 16');
    expect(refuse('-'.repeat(17) + '1').message).toContain('nests deeper');
    expect(refuse('not '.repeat(17) + 'true').message).toContain('nests deeper');
    expect(refuse('abs('.repeat(17) + '1' + ')'.repeat(17)).message).toContain('nests deeper');
    expect(refuse('x'.repeat(1001)).message).toContain('longer than 1000');
    expect(refuse(`concat(${Array(11).fill('1').join(', ')})`).message).toContain('more than 10 arguments');
    expect(evaluate('('.repeat(15) + '1' + ')'.repeat(15))).toBe(1);
    // A deep JSON tree is refused when compiled too.
    let deep: unknown = { value: 1 };
    for (let i = 0; i < 20; i++) deep = { op: 'abs', args: [deep] };
    expect(() => compileExpression(deep as never)).toThrow(ExpressionError);
  });

  it('reports the position of a mistake', () => {
    expect(refuse('qty + * 2').position).toBe(7);
    expect(refuse("upper(region) = 'x' and foo(1)").position).toBe(25);
  });
});
