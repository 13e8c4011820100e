import { buffer, text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { renderCsv } from './csv-renderer';
import { batchedRows } from './row-batches';

function rowsOf(rows: Record<string, unknown>[]): AsyncIterable<Record<string, unknown>> {
  return (async function* () {
    await Promise.resolve();
    yield* rows;
  })();
}

describe('CSV renderer', () => {
  it('writes RFC 4180: header, CRLF, quotes doubled, delimiters and newlines quoted', async () => {
    const csv = await text(
      renderCsv(
        [
          { name: 'a', type: 'VARCHAR' },
          { name: 'b', type: 'DOUBLE' },
        ],
        rowsOf([
          { a: 'plain', b: 1.5 },
          { a: 'say "hi", ok', b: null },
          { a: 'two\nlines', b: -3 },
        ]),
      ),
    );
    expect(csv).toBe('a,b\r\nplain,1.5\r\n"say ""hi"", ok",\r\n"two\nlines",-3\r\n');
  });

  it('neutralises formula injection in text cells but leaves numbers alone', async () => {
    const csv = await text(
      renderCsv(
        [
          { name: 'x', type: 'VARCHAR' },
          { name: 'n', type: 'INTEGER' },
        ],
        rowsOf(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', 'safe'].map((x) => ({ x, n: -5 }))),
      ),
    );
    const cells = csv
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.replace(/,-5$/, ''));
    expect(cells).toEqual(["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", '"\'\rx"', 'safe']);
    expect(csv).toContain(',-5');
  });

  it('honours delimiter and BOM options', async () => {
    // Read bytes: a TextDecoder would silently drop the BOM.
    const csv = await buffer(
      renderCsv([{ name: 'a', type: 'VARCHAR' }], rowsOf([{ a: 'x;y' }]), { delimiter: ';', bom: true }),
    );
    expect(csv.toString('utf8')).toBe('\ufeffa\r\n"x;y"\r\n');
  });

  it('writes every cell type as before and the same bytes whether rows come one by one or in batches', async () => {
    const columns = ['s', 'n', 'b', 'big', 'obj', 'none', 'tab'].map((name) => ({ name, type: 'X' }));
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      s: i % 3 ? `row ${i} ünï` : '=cmd',
      n: i / 4,
      b: i % 2 === 0,
      big: BigInt(i) * 10n ** 15n,
      obj: i % 2 ? { k: [i] } : null,
      tab: '\tx',
    }));
    const oneByOne = await buffer(renderCsv(columns, rowsOf(rows), { delimiter: '\t' }));
    // Row objects, values in column order, and values in another order (turned back into rows).
    const names = columns.map((c) => c.name);
    const reversed = [...names].reverse();
    const inBatches = await buffer(
      renderCsv(
        columns,
        batchedRows(async function* () {
          await Promise.resolve();
          for (let i = 0; i < rows.length; i += 700) {
            const slice: Record<string, unknown>[] = rows.slice(i, i + 700);
            if (i % 3 === 0) yield slice;
            else {
              const order = i % 3 === 1 ? names : reversed;
              yield { names: order, values: slice.map((r) => order.map((n) => r[n])) };
            }
          }
        }),
        { delimiter: '\t' },
      ),
    );
    expect(inBatches.equals(oneByOne)).toBe(true);
    expect(oneByOne.length).toBeGreaterThan(3 * 64 * 1024); // several chunks
    const lines = oneByOne.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('s\tn\tb\tbig\tobj\tnone\ttab');
    expect(lines[1]).toBe(`'=cmd\t0\ttrue\t0\t\t\t"'\tx"`);
    expect(lines[2]).toBe(`row 1 ünï\t0.25\tfalse\t1000000000000000\t"{""k"":[1]}"\t\t"'\tx"`);
    expect(lines).toHaveLength(5_002);
  });
});
