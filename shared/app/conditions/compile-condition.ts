import type { Row } from '../../ports/data-source';
import { compileExpression } from '../transforms/compile-expression';
import { truthy, type Value } from '../transforms/compare-values';
import { ExpressionError } from '../transforms/expression-error';
import { tokenizeExpression, type Token } from '../transforms/tokenize-expression';

/** What a condition can read besides aggregates: the rows extracted, and whether the data changed. */
export const CONDITION_FACTS = ['rowCount', 'changed'] as const;
export const AGGREGATE_FUNCTIONS = ['sum', 'avg', 'count', 'min', 'max'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export interface ConditionAggregate {
  fn: AggregateFunction;
  column: string;
  /** How the condition names it: `sum(amount)`. */
  key: string;
}

/** The facts a condition is evaluated on, after extract: row count, change, the aggregates it asked for. */
export interface ConditionFacts {
  rowCount: number;
  changed: boolean;
  aggregates: Readonly<Record<string, Value>>;
}

export interface CompiledCondition {
  text: string;
  aggregates: readonly ConditionAggregate[];
  usesChanged: boolean;
  /** True to go on; the facts it read, for the reason shown when it is false. */
  evaluate(facts: ConditionFacts): { pass: boolean; read: Record<string, Value> };
}

/** A condition that cannot be used as written, with what to write instead. */
export class ConditionError extends Error {
  constructor(
    message: string,
    readonly suggestedFix: string,
  ) {
    super(message);
    this.name = 'ConditionError';
  }
}

const HINT =
  'Write a test on rowCount, changed or an aggregate, e.g. `rowCount > 0`, `sum(amount) > 100000` or `changed`.';

const isAggregate = (t: Token | undefined): t is Token & { value: string } =>
  t?.kind === 'ident' && (AGGREGATE_FUNCTIONS as readonly string[]).includes(t.value.toLowerCase());
const isOp = (t: Token | undefined, value: string) => t?.kind === 'op' && t.value === value;

/**
 * `sum(amount)` → the bracketed name `[sum(amount)]`: in a condition an aggregate over a column is a value
 * of the whole extract, which the row language reads as a column of one summary row.
 */
function aggregatesAsNames(text: string): { text: string; aggregates: ConditionAggregate[] } {
  const tokens = tokenizeExpression(text);
  const aggregates = new Map<string, ConditionAggregate>();
  let out = '';
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const [fn, open, column, close] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
    if (!isAggregate(fn) || !isOp(open, '(')) continue;
    if (!(column?.kind === 'ident' || column?.kind === 'column') || !close || !isOp(close, ')'))
      throw new ExpressionError(`${fn.value}() takes one column, e.g. ${fn.value}(amount)`, fn.at);
    const name = String(column.value);
    const key = `${fn.value.toLowerCase()}(${name})`;
    aggregates.set(key, { fn: fn.value.toLowerCase() as AggregateFunction, column: name, key });
    out += `${text.slice(from, fn.at - 1)}[${key}]`;
    from = close.at;
    i += 3;
  }
  return { text: out + text.slice(from), aggregates: [...aggregates.values()] };
}

/**
 * Compiles a schedule's condition in the transforms' expression language. It reads `rowCount`, `changed`
 * (the extract differs from the last successful run's) and aggregates of columns (`sum`, `avg`, `count`,
 * `min`, `max`), and must be a test (a comparison, `and` / `or` / `not`, or `changed`). Throws
 * ConditionError with a suggested fix.
 */
export function compileCondition(text: string): CompiledCondition {
  let compiled: ReturnType<typeof compileExpression>;
  let aggregates: ConditionAggregate[];
  try {
    const rewritten = aggregatesAsNames(text);
    aggregates = rewritten.aggregates;
    compiled = compileExpression(rewritten.text);
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    const at = err.position === undefined ? '' : ` (at character ${err.position})`;
    throw new ConditionError(`The condition ${err.message}${at}`, HINT);
  }
  const known = new Set<string>([...CONDITION_FACTS, ...aggregates.map((a) => a.key)]);
  for (const name of compiled.columns)
    if (!known.has(name))
      throw new ConditionError(
        `The condition reads "${name}", which is not rowCount, changed or an aggregate`,
        `Aggregate the column, e.g. sum(${name}) > 0 or max(${name}) > 0; ${HINT}`,
      );
  const onlyChanged = compiled.columns.size === 1 && compiled.columns.has('changed');
  if (compiled.type !== 'boolean' && !(onlyChanged && compiled.type === 'unknown'))
    throw new ConditionError('The condition is not a test (true or false)', HINT);
  return {
    text,
    aggregates,
    usesChanged: compiled.columns.has('changed'),
    evaluate(facts) {
      const row: Row = { rowCount: facts.rowCount, changed: facts.changed, ...facts.aggregates };
      const read = Object.fromEntries([...compiled.columns].map((name) => [name, row[name] ?? null]));
      return { pass: truthy(compiled.evaluate(row)), read };
    },
  };
}
