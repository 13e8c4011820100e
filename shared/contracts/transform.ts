import { z } from 'zod';

/**
 * Row transforms of a report, applied in order to the query's rows (shared/app/transforms), validated
 * when the report is saved. A computed column's `expression` is a tree, or text in the small expression language —
 * `round(amount * 1.2, 2)`, `upper(region) = 'NORTH' and qty > 3`, `concat(first, ' ', [last name])` —
 * parsed by our own grammar (never `eval`) into the same tree.
 */
export const MAX_EXPRESSION_LENGTH = 1000;
export const MAX_EXPRESSION_DEPTH = 16;

const Column = z.string().min(1).max(128);
const Scalar = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const ExpressionOp = z.enum([
  'neg', 'not', 'lower', 'upper', 'trim', 'abs', 'length',
  'sub', 'div', 'mod', 'eq', 'ne', 'lt', 'lte', 'gt', 'gte',
  'add', 'mul', 'concat', 'coalesce', 'and', 'or', 'min', 'max',
  'round', 'if',
]); // prettier-ignore
export type ExpressionOp = z.infer<typeof ExpressionOp>;

export type ExpressionTree =
  | { column: string }
  | { value: string | number | boolean | null }
  | { op: ExpressionOp; args: ExpressionTree[] };

/** How deep `value` nests, counting no further than `limit` (so the walk itself stays shallow). */
function depthOf(value: unknown, limit: number, at = 0): number {
  if (typeof value !== 'object' || value === null || at > limit) return at;
  let deepest = at + 1;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, at + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

const TreeNode: z.ZodType<ExpressionTree> = z
  .union([
    z.strictObject({ column: Column }),
    z.strictObject({ value: Scalar }),
    z.strictObject({ op: ExpressionOp, get args() { return z.array(TreeNode).min(1).max(10); } }), // prettier-ignore
  ])
  .meta({
    id: 'ExpressionTree',
    description: 'A column, a literal value, or an operator applied to 1–10 arguments',
  });

/**
 * A tree (depth checked before it is parsed, so deep nesting cannot exhaust the stack) or expression text.
 * The depth check is a preprocess step, not a refined `unknown`: the tree's own schema then stays what the
 * OpenAPI document shows (an `unknown` there would accept anything).
 */
export const Expression = z.union([
  z.string().trim().min(1).max(MAX_EXPRESSION_LENGTH),
  z.preprocess((v, ctx) => {
    if (depthOf(v, 3 * MAX_EXPRESSION_DEPTH) > 3 * MAX_EXPRESSION_DEPTH)
      ctx.addIssue({ code: 'custom', message: `nests deeper than ${MAX_EXPRESSION_DEPTH} levels`, input: v });
    return v;
  }, TreeNode),
]);

export const FilterOp = z.enum([
  'eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'contains', 'startsWith', 'endsWith', 'isNull', 'isNotNull',
]); // prettier-ignore
export type FilterOp = z.infer<typeof FilterOp>;

export const FilterCondition = z
  .strictObject({
    column: Column,
    op: FilterOp,
    value: z.union([Scalar, z.array(Scalar).max(1000)]).optional(),
  })
  .superRefine((c, ctx) => {
    const list = c.op === 'in' || c.op === 'notIn';
    const none = c.op === 'isNull' || c.op === 'isNotNull';
    const text = c.op === 'contains' || c.op === 'startsWith' || c.op === 'endsWith';
    const problem = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (none && c.value !== undefined) problem(`"${c.op}" takes no value`);
    else if (list && !Array.isArray(c.value)) problem(`"${c.op}" takes an array of values`);
    else if (!none && !list && (c.value === undefined || Array.isArray(c.value)))
      problem(`"${c.op}" takes one value`);
    else if (text && typeof c.value !== 'string') problem(`"${c.op}" takes a string`);
    else if (!none && !list && c.op !== 'eq' && c.op !== 'ne' && c.value === null)
      problem(`"${c.op}" cannot compare with null; use isNull / isNotNull`);
  });

export const Aggregate = z
  .strictObject({
    fn: z.enum(['count', 'countDistinct', 'sum', 'avg', 'min', 'max']),
    column: Column.optional(),
    as: Column,
  })
  .superRefine((a, ctx) => {
    if (a.fn !== 'count' && a.column === undefined)
      ctx.addIssue({ code: 'custom', path: ['column'], message: `"${a.fn}" needs a column` });
  });

export const Transform = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('select'),
    columns: z
      .array(z.union([Column, z.strictObject({ column: Column, as: Column })]))
      .min(1)
      .max(500),
  }),
  z.strictObject({
    type: z.literal('rename'),
    columns: z.record(Column, Column).refine((m) => Object.keys(m).length > 0, 'name at least one column'),
  }),
  z.strictObject({
    type: z.literal('filter'),
    match: z.enum(['all', 'any']).default('all'),
    conditions: z.array(FilterCondition).min(1).max(50),
  }),
  z.strictObject({
    type: z.literal('sort'),
    by: z
      .array(
        z.strictObject({
          column: Column,
          direction: z.enum(['asc', 'desc']).default('asc'),
          /** Default as PostgreSQL: last when ascending, first when descending. */
          nulls: z.enum(['first', 'last']).optional(),
        }),
      )
      .min(1)
      .max(20),
  }),
  z.strictObject({
    type: z.literal('limit'),
    count: z.int().min(1).max(5_000_000),
    offset: z.int().min(0).optional(),
  }),
  z.strictObject({
    type: z.literal('groupBy'),
    keys: z.array(Column).max(20),
    aggregates: z.array(Aggregate).min(1).max(50),
  }),
  z.strictObject({ type: z.literal('compute'), as: Column, expression: Expression }),
]);
export type Transform = z.infer<typeof Transform>;

/** A report's transforms, in order. */
export const TransformSpec = z.array(Transform).max(50);
export type TransformSpec = z.infer<typeof TransformSpec>;
