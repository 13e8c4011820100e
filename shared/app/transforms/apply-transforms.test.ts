import { describe, expect, it } from 'vitest';
import type { Column, QueryResult, Row } from '../../ports/data-source';
import { applyTransforms } from './apply-transforms';
import { validateTransforms } from './validate-transforms';

const columns: Column[] = [
  { name: 'day', type: 'date' },
  { name: 'region', type: 'text' },
  { name: 'amount', type: 'numeric' },
  { name: 'qty', type: 'integer' },
];
const data: Row[] = [
  { day: '2025-01-03', region: 'North', amount: 10.5, qty: 2 },
  { day: '2025-01-01', region: 'South', amount: '7.25', qty: 1 },
  { day: '2025-01-02', region: 'North', amount: null, qty: 5 },
  { day: '2025-01-02', region: 'East', amount: 3, qty: null },
  { day: '2025-01-05', region: 'South', amount: 20, qty: 4 },
];

/** Rows from memory in batches, recording how many batches were read and whether the source was released. */
function source(rows: Row[] = data, batch = 2) {
  const stats = { pulled: 0, released: false };
  async function* batches() {
    try {
      for (let i = 0; i < rows.length; i += batch) {
        await Promise.resolve();
        stats.pulled++;
        yield rows.slice(i, i + batch);
      }
    } finally {
      stats.released = true;
    }
  }
  return { result: { columns, batches: batches() } as QueryResult, stats };
}

async function run(spec: unknown, rows: Row[] = data, limits = {}) {
  const { result, stats } = source(rows);
  const out = applyTransforms(spec, result, limits);
  const all: Row[] = [];
  for await (const b of out.batches) all.push(...b);
  return { columns: out.columns, rows: all, stats };
}

describe('transforms', () => {
  it('select and rename, keeping types', async () => {
    const { columns: cols, rows } = await run([
      { type: 'select', columns: ['region', { column: 'amount', as: 'total' }] },
      { type: 'rename', columns: { region: 'area' } },
    ]);
    expect(cols).toEqual([
      { name: 'area', type: 'text' },
      { name: 'total', type: 'numeric' },
    ]);
    expect(rows[0]).toEqual({ area: 'North', total: 10.5 });
  });

  it('filters with typed comparisons', async () => {
    const ids = async (conditions: unknown[], match = 'all') =>
      (await run([{ type: 'filter', match, conditions }])).rows.map((r) => r.day);
    expect(await ids([{ column: 'amount', op: 'gt', value: 8 }])).toEqual(['2025-01-03', '2025-01-05']);
    expect(await ids([{ column: 'amount', op: 'lte', value: 7.25 }])).toEqual(['2025-01-01', '2025-01-02']); // '7.25' as a number
    expect(await ids([{ column: 'region', op: 'eq', value: 'North' }])).toEqual(['2025-01-03', '2025-01-02']);
    expect(await ids([{ column: 'region', op: 'ne', value: 'North' }])).toHaveLength(3);
    expect(await ids([{ column: 'qty', op: 'ne', value: 2 }])).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-05',
    ]); // null never matches
    expect(await ids([{ column: 'region', op: 'in', value: ['East', 'South'] }])).toHaveLength(3);
    expect(await ids([{ column: 'region', op: 'notIn', value: ['East', 'South'] }])).toHaveLength(2);
    expect(await ids([{ column: 'region', op: 'contains', value: 'ort' }])).toHaveLength(2);
    expect(await ids([{ column: 'region', op: 'startsWith', value: 'So' }])).toHaveLength(2);
    expect(await ids([{ column: 'region', op: 'endsWith', value: 'st' }])).toEqual(['2025-01-02']);
    expect(await ids([{ column: 'amount', op: 'isNull' }])).toEqual(['2025-01-02']);
    expect(await ids([{ column: 'qty', op: 'isNotNull' }])).toHaveLength(4);
    expect(await ids([{ column: 'day', op: 'gte', value: '2025-01-03' }])).toEqual([
      '2025-01-03',
      '2025-01-05',
    ]);
    expect(await ids([{ column: 'region', op: 'gt', value: 3 }])).toEqual([]); // text vs number: no match
    expect(
      await ids(
        [
          { column: 'region', op: 'eq', value: 'East' },
          { column: 'qty', op: 'gt', value: 4 },
        ],
        'any',
      ),
    ).toEqual(['2025-01-02', '2025-01-02']);
  });

  it('sorts in memory (nulls last ascending, first descending), stable, within a cap', async () => {
    const sorted = await run([{ type: 'sort', by: [{ column: 'qty' }] }]);
    expect(sorted.rows.map((r) => r.qty)).toEqual([1, 2, 4, 5, null]);
    const desc = await run([{ type: 'sort', by: [{ column: 'amount', direction: 'desc' }] }]);
    expect(desc.rows.map((r) => r.amount)).toEqual([null, 20, 10.5, '7.25', 3]);
    const twoKeys = await run([
      { type: 'sort', by: [{ column: 'day' }, { column: 'region', direction: 'desc', nulls: 'first' }] },
    ]);
    expect(twoKeys.rows.map((r) => `${String(r.day)} ${String(r.region)}`).slice(1, 3)).toEqual([
      '2025-01-02 North',
      '2025-01-02 East',
    ]);
    await expect(
      run([{ type: 'sort', by: [{ column: 'qty' }] }], data, { maxSortRows: 4 }),
    ).rejects.toMatchObject({
      code: 'TRANSFORM_FAILED',
      details: { cap: 4 },
    });
  });

  it('limits while streaming and stops reading the source', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ day: String(i), region: 'X', amount: i, qty: i }));
    const { rows: out, stats } = await run([{ type: 'limit', count: 3, offset: 2 }], rows);
    expect(out.map((r) => r.qty)).toEqual([2, 3, 4]);
    expect(stats.pulled).toBe(3);
    expect(stats.released).toBe(true);
  });

  it('groups with sum, avg, min, max, count and countDistinct', async () => {
    const { columns: cols, rows } = await run([
      {
        type: 'groupBy',
        keys: ['region'],
        aggregates: [
          { fn: 'sum', column: 'amount', as: 'total' },
          { fn: 'avg', column: 'qty', as: 'avgQty' },
          { fn: 'min', column: 'day', as: 'first' },
          { fn: 'max', column: 'amount', as: 'top' },
          { fn: 'count', as: 'rows' },
          { fn: 'count', column: 'amount', as: 'withAmount' },
          { fn: 'countDistinct', column: 'day', as: 'days' },
        ],
      },
    ]);
    expect(cols.map((c) => `${c.name}:${c.type}`)).toEqual([
      'region:text',
      'total:number',
      'avgQty:number',
      'first:date',
      'top:numeric',
      'rows:number',
      'withAmount:number',
      'days:number',
    ]);
    expect(rows).toEqual([
      {
        region: 'North',
        total: 10.5,
        avgQty: 3.5,
        first: '2025-01-02',
        top: 10.5,
        rows: 2,
        withAmount: 1,
        days: 2,
      },
      {
        region: 'South',
        total: 27.25,
        avgQty: 2.5,
        first: '2025-01-01',
        top: 20,
        rows: 2,
        withAmount: 2,
        days: 2,
      },
      {
        region: 'East',
        total: 3,
        avgQty: null,
        first: '2025-01-02',
        top: 3,
        rows: 1,
        withAmount: 1,
        days: 1,
      },
    ]);
    const overall = await run(
      [
        {
          type: 'groupBy',
          keys: [],
          aggregates: [
            { fn: 'count', as: 'n' },
            { fn: 'sum', column: 'qty', as: 'q' },
          ],
        },
      ],
      [],
    );
    expect(overall.rows).toEqual([{ n: 0, q: null }]);
    await expect(
      run([{ type: 'groupBy', keys: ['day'], aggregates: [{ fn: 'count', as: 'n' }] }], data, {
        maxGroups: 3,
      }),
    ).rejects.toMatchObject({ code: 'TRANSFORM_FAILED' });
  });

  it('computes columns from expression text or trees, then uses them downstream', async () => {
    const { columns: cols, rows } = await run([
      { type: 'compute', as: 'value', expression: 'round(coalesce(amount, 0) * coalesce(qty, 1), 1)' },
      {
        type: 'compute',
        as: 'label',
        expression: { op: 'concat', args: [{ column: 'region' }, { value: '/' }, { column: 'qty' }] },
      },
      { type: 'filter', conditions: [{ column: 'value', op: 'gt', value: 7 }] },
      { type: 'sort', by: [{ column: 'value', direction: 'desc' }] },
      { type: 'select', columns: ['label', 'value'] },
    ]);
    expect(cols).toEqual([
      { name: 'label', type: 'string' },
      { name: 'value', type: 'number' },
    ]);
    expect(rows).toEqual([
      { label: 'South/4', value: 80 },
      { label: 'North/2', value: 21 },
      { label: 'South/1', value: 7.3 },
    ]);
  });

  it('fails before reading when the data lacks a named column', () => {
    const { result, stats } = source();
    expect(() => applyTransforms([{ type: 'select', columns: ['nope'] }], result)).toThrow(
      expect.objectContaining({ code: 'TRANSFORM_FAILED' }),
    );
    expect(stats.pulled).toBe(0);
  });
});

describe('validateTransforms (on save)', () => {
  it('accepts a valid spec, with or without the columns', () => {
    const spec = [
      { type: 'compute', as: 'v', expression: 'amount * 2' },
      { type: 'groupBy', keys: ['region'], aggregates: [{ fn: 'sum', column: 'v', as: 'total' }] },
      { type: 'sort', by: [{ column: 'total', direction: 'desc' }] },
      { type: 'limit', count: 10 },
    ];
    expect(validateTransforms(spec)).toEqual([]);
    expect(validateTransforms(spec, ['region', 'amount'])).toEqual([]);
  });

  it('names each problem by field, with the position inside expression text', () => {
    expect(
      validateTransforms([
        { type: 'compute', as: 'x', expression: "constructor.constructor('return process')()" },
      ]),
    ).toEqual([
      {
        field: 'transforms[0].expression',
        code: 'invalid_expression',
        message: 'has an unexpected character "."',
        line: 1,
        column: 12,
      },
    ]);
    expect(
      validateTransforms([{ type: 'compute', as: 'x', expression: 'qty + nope' }], ['qty'])[0],
    ).toMatchObject({
      field: 'transforms[0].expression',
      code: 'unknown_column',
    });
    expect(
      validateTransforms([
        { type: 'select', columns: ['a'] },
        { type: 'sort', by: [{ column: 'b' }] },
      ])[0],
    ).toMatchObject({
      field: 'transforms[1].by[0].column',
      code: 'unknown_column',
    });
    expect(
      validateTransforms([{ type: 'filter', conditions: [{ column: 'a', op: 'in', value: 3 }] }])[0],
    ).toMatchObject({
      field: 'transforms[0].conditions[0].value',
    });
    expect(
      validateTransforms([{ type: 'filter', conditions: [{ column: 'a', op: 'lt', value: null }] }])[0]
        ?.field,
    ).toBe('transforms[0].conditions[0].value');
    expect(validateTransforms([{ type: 'select', columns: ['a', { column: 'b', as: 'a' }] }])[0]?.code).toBe(
      'duplicate_column',
    );
    expect(validateTransforms([{ type: 'compute', as: '__proto__', expression: '1' }])[0]?.code).toBe(
      'invalid_column',
    );
    expect(validateTransforms([{ type: 'explode' }])[0]?.field).toBe('transforms[0].type');
    expect(validateTransforms('not a list')[0]?.field).toBe('transforms');
  });

  it('refuses deeply nested trees and overlong text before walking them', () => {
    let deep: unknown = { value: 1 };
    for (let i = 0; i < 5_000; i++) deep = { op: 'abs', args: [deep] };
    expect(validateTransforms([{ type: 'compute', as: 'x', expression: deep }]).length).toBeGreaterThan(0);
    expect(
      validateTransforms([{ type: 'compute', as: 'x', expression: '1+'.repeat(600) + '1' }])[0]?.field,
    ).toBe('transforms[0].expression');
  });
});
