import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Column, Row } from '../../ports/data-source';
import { readStagedRows } from './read-staged-rows';
import { encodeStagedRows } from './staged-rows-format';

const cols = (...names: string[]): Column[] => names.map((name) => ({ name, type: 'VARCHAR' }));

async function* batchesOf(...batches: Row[][]) {
  await Promise.resolve();
  yield* batches;
}

async function encode(columns: Column[], ...batches: Row[][]) {
  let counted = 0;
  let text = '';
  for await (const line of encodeStagedRows(columns, batchesOf(...batches), (n) => (counted += n)))
    text += line;
  return { text, counted };
}

/** The staged bytes in 7-byte pieces, so lines and multi-byte characters are cut mid-way. */
const pieces = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return Readable.from(
    Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7)),
  );
};

async function readBack(text: string) {
  const staged = await readStagedRows(pieces(text));
  const rows: Row[] = [];
  for await (const row of staged.rows) rows.push(row);
  return { columns: staged.columns, rows };
}

describe('staged rows', () => {
  it('round-trips rows exactly, key order included, through positional batches', async () => {
    const columns = cols('day', 'name', 'amount', 'ok', 'extra');
    const rows: Row[] = [
      { day: '2026-03-01', name: 'Zoë 😀 "quoted"\nline', amount: 1.5, ok: true, extra: null },
      { day: '2026-03-02', name: '', amount: -2, ok: false, extra: { nested: [1, 'x'] } },
    ];
    const { text, counted } = await encode(columns, rows, [], rows.slice(0, 1));
    expect(counted).toBe(3);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(3); // header + two non-empty batches
    expect(JSON.parse(lines[1]!)).toEqual([
      ['2026-03-01', 'Zoë 😀 "quoted"\nline', 1.5, true, null],
      ['2026-03-02', '', -2, false, { nested: [1, 'x'] }],
    ]);
    const back = await readBack(text);
    expect(back.columns).toEqual(columns);
    expect(back.rows).toEqual([...rows, rows[0]]);
    expect(back.rows.map((r) => Object.keys(r))).toEqual([...rows, rows[0]!].map((r) => Object.keys(r)));
  });

  it('stages a batch as objects when its rows are not exactly the columns, and reads it back unchanged', async () => {
    const columns = cols('a', 'b');
    const cases: Row[][] = [
      [
        { a: 1, b: 2 },
        { a: 1, b: 2, later: 'key' },
      ], // a REST page whose rows grew a key
      [{ b: 2, a: 1 }], // other key order
      [{ a: 1 }], // a missing key
      [{ a: 1, b: undefined }], // undefined is not null
    ];
    for (const batch of cases) {
      const { text } = await encode(columns, batch);
      const line = JSON.parse(text.trim().split('\n')[1]!) as unknown[];
      expect(Array.isArray(line[0])).toBe(false);
      const back = await readBack(text);
      expect(back.rows).toEqual(batch.map((r) => JSON.parse(JSON.stringify(r)) as Row));
      expect(back.rows.map((r) => Object.keys(r))).toEqual(
        batch.map((r) => Object.keys(r).filter((k) => r[k] !== undefined)),
      );
    }
  });

  it('never decodes a __proto__ column into a prototype', async () => {
    const row = JSON.parse('{"__proto__":{"polluted":true},"x":1}') as Row;
    const { text } = await encode(cols('__proto__', 'x'), [row]);
    const back = await readBack(text);
    expect(Object.getPrototypeOf(back.rows[0])).toBe(Object.prototype);
    expect(Object.keys(back.rows[0]!)).toEqual(['__proto__', 'x']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('offers the staged batches to renderers, and reads the earlier one-row-per-line format', async () => {
    const { text } = await encode(cols('n'), [{ n: 1 }, { n: 2 }], [{ n: 3 }]);
    const staged = await readStagedRows(pieces(text));
    const batches: Row[][] = [];
    for await (const batch of staged.rows.batches()) batches.push(batch);
    expect(batches).toEqual([[{ n: 1 }, { n: 2 }], [{ n: 3 }]]);

    const earlier = '{"columns":[{"name":"n","type":"INTEGER"}]}\n{"n":1}\n{"n":2}\n';
    expect((await readBack(earlier)).rows).toEqual([{ n: 1 }, { n: 2 }]);
    await expect(readStagedRows(Readable.from([]))).rejects.toThrow('staged rows are empty');
  });
});
