import { describe, expect, it } from 'vitest';
import { findLongTable } from './find-long-table';
import { rowChunkedDocument } from './row-chunked-document';
import { tableAncestry } from './table-ancestry';
import { widestRows } from './widest-rows';

const rows = (n: number, cell = (i: number) => `r${i}`) =>
  Array.from({ length: n }, (_, i) => `<tr><td>${cell(i)}</td></tr>\n`).join('');
const doc = (body: string) => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;

describe('findLongTable', () => {
  it('cuts the longest body out of the document, rows as written, and puts it back whole', () => {
    const html = doc(
      `<table><tbody>${rows(3)}</tbody></table><TABLE class="x"><thead><tr><th>h</th></tr></thead><TBODY>\n${rows(5)}</TBODY></TABLE><p>end</p>`,
    );
    const table = findLongTable(html, 2)!;
    expect(table.rows).toHaveLength(5);
    expect(table.rows[0]).toBe('<tr><td>r0</td></tr>\n');
    expect(table.head.slice(table.tableStart)).toBe(
      '<TABLE class="x"><thead><tr><th>h</th></tr></thead><TBODY>\n',
    );
    expect(table.tail).toBe('</TBODY></TABLE><p>end</p></body></html>');
    expect(table.head + table.rows.join('') + table.tail).toBe(html);
  });

  it('keeps the rows of a table nested in a cell inside that cell', () => {
    const inner = `<table><tbody>${rows(4)}</tbody></table>`;
    const html = doc(`<table><tbody><tr><td>${inner}</td></tr><tr><td>b</td></tr></tbody></table>`);
    expect(findLongTable(html, 1)!.rows).toHaveLength(4); // the inner table is the longest
    const outer = findLongTable(
      doc(`<table><tbody><tr><td>${inner}</td></tr>${rows(6)}</tbody></table>`),
      1,
    )!;
    expect(outer.rows).toHaveLength(7);
    expect(outer.rows[0]).toContain(inner);
  });

  it('finds nothing below the minimum, in comments, or without a closing </tbody>', () => {
    expect(findLongTable(doc(`<table><tbody>${rows(3)}</tbody></table>`), 4)).toBeUndefined();
    expect(findLongTable(doc(`<!-- <table><tbody>${rows(5)}</tbody></table> -->`), 1)).toBeUndefined();
    expect(findLongTable(doc(`<table><tbody>${rows(5)}</table>`), 1)).toBeUndefined();
    expect(findLongTable(doc(`<table>${rows(5)}</table>`), 1)).toBeUndefined();
  });
});

describe('widestRows', () => {
  it('picks per column the rows with the longest text and the longest word', () => {
    const table = [
      '<tr><td>a</td><td>1</td></tr>',
      '<tr><td>a b c d e f</td><td>2</td></tr>',
      '<tr><td>abcdefgh</td><td>1,000.00</td></tr>',
    ];
    expect(widestRows(table, 1)).toEqual([1, 2]);
  });
});

describe('rowChunkedDocument', () => {
  const html = doc(
    `<h1>Title</h1><table><thead><tr><th>#</th></tr></thead><tbody>${rows(10)}</tbody></table><p>after</p>`,
  );

  it('slices the table, marks rows but in the last slice, and leaves short tables alone', () => {
    const chunked = rowChunkedDocument(html, 5)!;
    expect(chunked.rowCount).toBe(10);
    const middle = chunked.slice({ from: 3, to: 6 });
    expect(middle).not.toContain('<h1>Title</h1>'); // later slices start at the table
    expect(chunked.slice({ from: 0, to: 3 })).toContain('<h1>Title</h1>');
    expect(middle).toContain('<table data-row-chunk>');
    expect(middle).toContain(
      '<tr data-row-marked><td><a class="row-marker" href="https://row-marker.invalid/3"></a><a class="row-marker row-end" href="https://row-marker.invalid/end-3"></a>r3',
    );
    expect(middle).not.toContain('>r6<');
    expect(middle.match(/<tr data-row-(parity|collapsed)/g)!.length % 2).toBe(1); // row 3 stays odd
    const last = chunked.slice({ from: 6, to: 10 });
    expect(last).not.toContain('row-marker.invalid');
    expect(last).toContain('>r9<');
    expect(rowChunkedDocument(html, 10)).toBeUndefined();
  });

  it('marks only the rows from markFrom on when asked', () => {
    const slice = rowChunkedDocument(html, 5)!.slice({ from: 2, to: 7, markFrom: 5 });
    expect(slice.match(/row-marker\.invalid\/\d+/g)).toEqual([
      'row-marker.invalid/5',
      'row-marker.invalid/6',
    ]);
    expect(slice).toContain('<tr><td>r4</td></tr>');
  });
});

describe('tableAncestry', () => {
  const head =
    '<html><head><title>t</title></head><body class="b"><header>h</header><style>td{color:red}</style>' +
    '<main id="m"><h1>x<br>y</h1><svg><rect/></svg><div><p>z</p></div><table>';
  it("keeps the head, the body styles and the start tags of the table's ancestors", () => {
    const a = tableAncestry(head, head.length - '<table>'.length, 'data-a')!;
    expect(a.ancestorsOnly).toBe(
      '<html><head><title>t</title></head><body class="b"><style>td{color:red}</style><main data-a id="m"><table>',
    );
    expect(a.marked).toBe(head.replace('<main id', '<main data-a id'));
  });
  it('gives up on tags that do not nest', () => {
    const bad = '<html><head></head><body><p>open<div></div></span><table>';
    expect(tableAncestry(bad, bad.length - '<table>'.length, 'data-a')).toBeUndefined();
  });
});
