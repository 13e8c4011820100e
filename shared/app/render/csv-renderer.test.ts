import { buffer, text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { renderCsv } from './csv-renderer';

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
});
