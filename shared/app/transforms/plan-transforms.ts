import type { Transform } from '../../contracts/transform';
import type { Column, Row } from '../../ports/data-source';
import type { FieldProblem } from '../validation/invalid-field';
import { compileExpression } from './compile-expression';
import { ExpressionError } from './expression-error';
import { compileCondition } from './filter-condition';
import { groupRows } from './group-rows';
import { filterRows, limitRows, mapRows, type Stage } from './row-stages';
import { sortRows } from './sort-rows';

export interface TransformLimits {
  /** Rows a sort holds in memory (default 1,000,000). */
  maxSortRows: number;
  /** Groups a group-by holds in memory (default 100,000). */
  maxGroups: number;
}

export const defaultTransformLimits: TransformLimits = { maxSortRows: 1_000_000, maxGroups: 100_000 };

export interface TransformPlan {
  problems: FieldProblem[];
  stages: Stage[];
  /** The output columns; undefined while the input's are unknown and no step has named them all. */
  columns: Column[] | undefined;
}

const FORBIDDEN_NAMES = new Set(['__proto__']);

/**
 * Checks each step against the columns it receives (when they are known) and builds its stage. Field
 * names are `transforms[i]…`, as a report body has them.
 */
export function planTransforms(
  transforms: readonly Transform[],
  input: readonly Column[] | undefined,
  limits: TransformLimits = defaultTransformLimits,
): TransformPlan {
  const problems: FieldProblem[] = [];
  const stages: Stage[] = [];
  let columns: Column[] | undefined = input ? [...input] : undefined;

  transforms.forEach((t, i) => {
    const at = `transforms[${i}]`;
    const problem = (field: string, code: string, message: string, extra: Partial<FieldProblem> = {}) =>
      problems.push({ field: `${at}${field}`, code, message, ...extra });
    const known = columns;
    const has = (name: string) => !known || known.some((c) => c.name === name);
    const typeOf = (name: string) => known?.find((c) => c.name === name)?.type ?? 'unknown';
    const needColumn = (name: string, field: string) => {
      if (!has(name))
        problem(
          field,
          'unknown_column',
          `names "${name}", which is not a column here (columns: ${known!.map((c) => c.name).join(', ')})`,
        );
    };
    const checkOutputs = (names: string[], field: string) => {
      const seen = new Set<string>();
      for (const name of names) {
        if (seen.has(name)) problem(field, 'duplicate_column', `makes the column "${name}" twice`);
        if (FORBIDDEN_NAMES.has(name)) problem(field, 'invalid_column', `may not name a column "${name}"`);
        seen.add(name);
      }
    };

    switch (t.type) {
      case 'select': {
        const picks = t.columns.map((c) => (typeof c === 'string' ? { column: c, as: c } : c));
        picks.forEach((p, j) => needColumn(p.column, `.columns[${j}]`));
        checkOutputs(
          picks.map((p) => p.as),
          '.columns',
        );
        columns = picks.map((p) => ({ name: p.as, type: typeOf(p.column) }));
        stages.push(
          mapRows((row) =>
            Object.fromEntries(
              picks.map((p) => [p.as, Object.hasOwn(row, p.column) ? (row[p.column] ?? null) : null]),
            ),
          ),
        );
        return;
      }
      case 'rename': {
        const renames = new Map(Object.entries(t.columns));
        for (const from of renames.keys()) needColumn(from, `.columns.${from}`);
        if (known) {
          const names = known.map((c) => renames.get(c.name) ?? c.name);
          checkOutputs(names, '.columns');
          columns = known.map((c) => ({ ...c, name: renames.get(c.name) ?? c.name }));
        } else checkOutputs([...renames.values()], '.columns');
        stages.push(
          mapRows((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [renames.get(k) ?? k, v]))),
        );
        return;
      }
      case 'filter': {
        t.conditions.forEach((c, j) => needColumn(c.column, `.conditions[${j}].column`));
        const tests = t.conditions.map(compileCondition);
        stages.push(
          filterRows(
            t.match === 'any' ? (row) => tests.some((f) => f(row)) : (row) => tests.every((f) => f(row)),
          ),
        );
        return;
      }
      case 'sort':
        t.by.forEach((k, j) => needColumn(k.column, `.by[${j}].column`));
        stages.push(sortRows(t.by, limits.maxSortRows));
        return;
      case 'limit':
        stages.push(limitRows(t.count, t.offset));
        return;
      case 'groupBy': {
        t.keys.forEach((k, j) => needColumn(k, `.keys[${j}]`));
        t.aggregates.forEach(
          (a, j) => a.column !== undefined && needColumn(a.column, `.aggregates[${j}].column`),
        );
        checkOutputs([...t.keys, ...t.aggregates.map((a) => a.as)], '.aggregates');
        columns = [
          ...t.keys.map((k) => ({ name: k, type: typeOf(k) })),
          ...t.aggregates.map((a) => ({
            name: a.as,
            type: a.fn === 'min' || a.fn === 'max' ? typeOf(a.column ?? '') : 'number',
          })),
        ];
        stages.push(groupRows(t.keys, t.aggregates, limits.maxGroups));
        return;
      }
      case 'compute': {
        checkOutputs([t.as], '.as');
        let compiled;
        try {
          compiled = compileExpression(t.expression);
        } catch (err) {
          if (!(err instanceof ExpressionError)) throw err;
          problem(
            '.expression',
            'invalid_expression',
            err.message,
            err.position === undefined ? {} : { line: 1, column: err.position },
          );
          return;
        }
        for (const name of compiled.columns) needColumn(name, '.expression');
        if (known) {
          const column = { name: t.as, type: compiled.type };
          columns = known.some((c) => c.name === t.as)
            ? known.map((c) => (c.name === t.as ? column : c))
            : [...known, column];
        }
        const expression = compiled;
        const as = t.as;
        stages.push(
          mapRows((row: Row) => Object.fromEntries([...Object.entries(row), [as, expression.evaluate(row)]])),
        );
        return;
      }
    }
  });
  return { problems, stages, columns };
}
