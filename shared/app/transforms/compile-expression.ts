import { MAX_EXPRESSION_DEPTH, type ExpressionOp, type ExpressionTree } from '../../contracts/transform';
import type { Row } from '../../ports/data-source';
import { compareValues, isNull, toNumber, truthy, type Value } from './compare-values';
import { ExpressionError } from './expression-error';
import { parseExpression } from './parse-expression';

export interface CompiledExpression {
  evaluate(row: Row): Value;
  /** The columns it reads. */
  columns: ReadonlySet<string>;
  /** What it yields, when known from its top operation: `number`, `string`, `boolean`, or `unknown`. */
  type: string;
}

type Impl = (args: Value[]) => Value;

/** A value as text: strings as they are, numbers and booleans printed, anything else as JSON. */
const asText = (v: Value): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : (JSON.stringify(v) ?? '');

const numeric =
  (fn: (...xs: number[]) => number): Impl =>
  (args) => {
    const xs = args.map(toNumber);
    if (xs.some((x) => x === undefined)) return null;
    const result = fn(...(xs as number[]));
    return Number.isFinite(result) ? result : null;
  };
const text =
  (fn: (s: string) => Value): Impl =>
  ([v]) =>
    isNull(v) ? null : fn(asText(v));
const compare =
  (test: (c: number) => boolean): Impl =>
  ([a, b]) => {
    const c = compareValues(a, b);
    return c === undefined ? null : test(c);
  };
const pick =
  (better: (c: number) => boolean): Impl =>
  (args) => {
    let best: Value = null;
    for (const v of args) if (!isNull(v) && (isNull(best) || better(compareValues(v, best) ?? 0))) best = v;
    return best;
  };

function round([x, digits]: Value[]): Value {
  const n = toNumber(x);
  const d = digits === undefined ? 0 : toNumber(digits);
  if (n === undefined || d === undefined || !Number.isInteger(d) || d < 0 || d > 10) return null;
  const f = 10 ** d;
  // Half away from zero, nudged so 1.005 (stored as 1.00499…) rounds as written.
  return (Math.sign(n) * Math.round(Math.abs(n) * f * (1 + Number.EPSILON))) / f;
}

/** Each operation: its arity and what it does. Null in, null out; a value of the wrong kind gives null. */
const OPS = new Map<ExpressionOp, { min: number; max: number; type: string; impl: Impl }>([
  ['neg', { min: 1, max: 1, type: 'number', impl: numeric((x) => -x) }],
  ['abs', { min: 1, max: 1, type: 'number', impl: numeric(Math.abs) }],
  ['add', { min: 2, max: 10, type: 'number', impl: numeric((...xs) => xs.reduce((a, b) => a + b, 0)) }],
  ['sub', { min: 2, max: 2, type: 'number', impl: numeric((a, b) => a - b) }],
  ['mul', { min: 2, max: 10, type: 'number', impl: numeric((...xs) => xs.reduce((a, b) => a * b, 1)) }],
  /** Division or remainder by zero gives null. */
  ['div', { min: 2, max: 2, type: 'number', impl: numeric((a, b) => (b === 0 ? Number.NaN : a / b)) }],
  ['mod', { min: 2, max: 2, type: 'number', impl: numeric((a, b) => (b === 0 ? Number.NaN : a % b)) }],
  ['round', { min: 1, max: 2, type: 'number', impl: round }],
  ['eq', { min: 2, max: 2, type: 'boolean', impl: compare((c) => c === 0) }],
  ['ne', { min: 2, max: 2, type: 'boolean', impl: compare((c) => c !== 0) }],
  ['lt', { min: 2, max: 2, type: 'boolean', impl: compare((c) => c < 0) }],
  ['lte', { min: 2, max: 2, type: 'boolean', impl: compare((c) => c <= 0) }],
  ['gt', { min: 2, max: 2, type: 'boolean', impl: compare((c) => c > 0) }],
  ['gte', { min: 2, max: 2, type: 'boolean', impl: compare((c) => c >= 0) }],
  ['and', { min: 2, max: 10, type: 'boolean', impl: (args) => args.every(truthy) }],
  ['or', { min: 2, max: 10, type: 'boolean', impl: (args) => args.some(truthy) }],
  ['not', { min: 1, max: 1, type: 'boolean', impl: ([v]) => !truthy(v) }],
  ['upper', { min: 1, max: 1, type: 'string', impl: text((s) => s.toUpperCase()) }],
  ['lower', { min: 1, max: 1, type: 'string', impl: text((s) => s.toLowerCase()) }],
  ['trim', { min: 1, max: 1, type: 'string', impl: text((s) => s.trim()) }],
  ['length', { min: 1, max: 1, type: 'number', impl: text((s) => s.length) }],
  ['concat', { min: 1, max: 10, type: 'string', impl: (args) => args.map((v) => (isNull(v) ? '' : asText(v))).join('') }],
  ['coalesce', { min: 1, max: 10, type: 'unknown', impl: (args) => args.find((v) => !isNull(v)) ?? null }],
  ['min', { min: 1, max: 10, type: 'unknown', impl: pick((c) => c < 0) }],
  ['max', { min: 1, max: 10, type: 'unknown', impl: pick((c) => c > 0) }],
  ['if', { min: 3, max: 3, type: 'unknown', impl: ([c, a, b]) => (truthy(c) ? a : b) }],
]); // prettier-ignore

/**
 * Compiles an expression — text in the expression language, or a tree — into a function of a row.
 * Nothing is evaluated as code: the tree is walked and only the operations above exist. Column values are
 * read as the row's own properties (`__proto__` or `constructor` are just absent columns: null).
 */
export function compileExpression(expression: string | ExpressionTree): CompiledExpression {
  const tree = typeof expression === 'string' ? parseExpression(expression) : expression;
  const columns = new Set<string>();

  function compile(node: ExpressionTree, depth: number): (row: Row) => Value {
    if (depth > MAX_EXPRESSION_DEPTH)
      throw new ExpressionError(`nests deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    if ('column' in node) {
      const name = node.column;
      columns.add(name);
      return (row) => (Object.hasOwn(row, name) ? (row[name] ?? null) : null);
    }
    if ('value' in node) {
      const value = node.value;
      return () => value;
    }
    const op = OPS.get(node.op);
    if (!op) throw new ExpressionError(`uses an unknown operation "${String(node.op)}"`);
    if (node.args.length < op.min || node.args.length > op.max)
      throw new ExpressionError(
        `"${node.op}" takes ${op.min === op.max ? op.min : `${op.min} to ${op.max}`} argument(s)`,
      );
    const args = node.args.map((arg) => compile(arg, depth + 1));
    const impl = op.impl;
    if (node.op === 'if') {
      const [c, a, b] = args as [(row: Row) => Value, (row: Row) => Value, (row: Row) => Value];
      return (row) => (truthy(c(row)) ? a(row) : b(row));
    }
    return (row) => impl(args.map((arg) => arg(row)));
  }

  const evaluate = compile(tree, 1);
  const type =
    'op' in tree
      ? (OPS.get(tree.op)?.type ?? 'unknown')
      : 'value' in tree
        ? tree.value === null
          ? 'unknown'
          : typeof tree.value
        : 'unknown';
  return { evaluate, columns, type };
}
