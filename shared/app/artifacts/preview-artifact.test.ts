import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../render/csv-renderer';
import { renderJson } from '../render/json-renderer';
import { previewCsv, previewJson } from './preview-rows';
import { sanitizeHtml } from './sanitize-html';

async function* rowsOf(n: number) {
  await Promise.resolve();
  for (let i = 1; i <= n; i++)
    yield { id: i, name: i === 2 ? 'a "quoted",\r\nname' : `row ${i}`, ok: i % 2 === 0 };
}
const columns = [
  { name: 'id', type: 'INTEGER' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'ok', type: 'BOOLEAN' },
];

/** A stream that counts what was pulled from it, to show the preview stops early. */
function counted(source: Readable) {
  const stats = { chunks: 0, ended: false };
  async function* pass() {
    for await (const chunk of source) {
      stats.chunks++;
      yield chunk as Buffer;
    }
    stats.ended = true;
  }
  return { stream: Readable.from(pass(), { objectMode: false }), stats };
}

describe('previews of rows', () => {
  it('CSV as the renderer writes it (quotes, CRLF, BOM, ; delimiter): first rows, truncated flag', async () => {
    const small = await previewCsv(renderCsv(columns, rowsOf(3), { bom: true, delimiter: ';' }), 100);
    expect(small).toEqual({
      columns: ['id', 'name', 'ok'],
      rows: [
        { id: '1', name: 'row 1', ok: 'false' },
        { id: '2', name: 'a "quoted",\r\nname', ok: 'true' },
        { id: '3', name: 'row 3', ok: 'false' },
      ],
      truncated: false,
    });
    const exact = await previewCsv(renderCsv(columns, rowsOf(100)), 100);
    expect([exact.rows.length, exact.truncated]).toEqual([100, false]);
    const { stream, stats } = counted(renderCsv(columns, rowsOf(200_000)));
    const big = await previewCsv(stream, 100);
    expect([big.rows.length, big.truncated, big.rows[99]!.id]).toEqual([100, true, '100']);
    expect(stats.ended).toBe(false);
  });

  it('JSON arrays and NDJSON: first rows, nested values and strings with brackets intact', async () => {
    async function* tricky() {
      yield { id: 1, text: 'has ] , { and "quotes" \\ here', nested: { list: [1, [2]] } };
      yield* rowsOf(150);
    }
    const { stream, stats } = counted(renderJson(tricky()));
    const preview = await previewJson(stream, 100);
    expect(preview.rows[0]).toEqual({
      id: 1,
      text: 'has ] , { and "quotes" \\ here',
      nested: { list: [1, [2]] },
    });
    expect([preview.rows.length, preview.truncated]).toEqual([100, true]);
    expect(preview.columns).toEqual(['id', 'text', 'nested', 'name', 'ok']);
    expect(stats.ended).toBe(false);

    expect(await previewJson(Readable.from(['[]']), 100)).toEqual({
      columns: [],
      rows: [],
      truncated: false,
    });
    const exact = await previewJson(renderJson(rowsOf(100)), 100);
    expect([exact.rows.length, exact.truncated]).toEqual([100, false]);
    const ndjson = await previewJson(Readable.from(['{"a":1}\n{"a":', '2}\n{"a":3}']), 2);
    expect(ndjson).toEqual({ columns: ['a'], rows: [{ a: 1 }, { a: 2 }], truncated: true });
  });
});

describe('previews of files too large to read', () => {
  const chunked = (text: string) => Readable.from(text.match(/[^]{1,65536}/g)!.map((c) => Buffer.from(c)));
  it('stop at the size cap and say truncated instead of failing on the cut row', async () => {
    const huge = 'x'.repeat(9_000_000);
    expect(await previewJson(chunked(`[{"a":1},{"a":"${huge}"}]`), 100)).toEqual({
      columns: ['a'],
      rows: [{ a: 1 }],
      truncated: true,
    });
    expect(await previewCsv(chunked(`a,b\r\n1,2\r\n3,"${huge}"\r\n`), 100)).toEqual({
      columns: ['a', 'b'],
      rows: [{ a: '1', b: '2' }],
      truncated: true,
    });
  });
});

describe('sanitizeHtml', () => {
  it('keeps the report: structure, tables, inline styles, SVG charts with in-document references', () => {
    const doc =
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A &amp; B</title>' +
      '<style>td{color:red}</style></head><body><h1 class="t">A &amp; B</h1><table><tr><td style="text-align:right">1</td></tr></table>' +
      '<svg width="10" height="10"><defs><clipPath id="c"><rect width="5" height="5"/></clipPath></defs>' +
      '<path d="M0 0L5 5" clip-path="url(#c)" fill="#333"/><text x="1" y="2">x &lt; y</text></svg>' +
      '<img alt="dot" src="data:image/png;base64,iVBORw0KGgo="></body></html>';
    expect(sanitizeHtml(doc)).toBe(
      doc
        // void elements come back in the serialiser's `<x />` form (sanitize-html)
        .replace('<meta charset="utf-8">', '<meta charset="utf-8" />')
        .replace('src="data:image/png;base64,iVBORw0KGgo=">', 'src="data:image/png;base64,iVBORw0KGgo=" />')
        .replace('<rect width="5" height="5"/>', '<rect width="5" height="5" />')
        .replace(
          '<path d="M0 0L5 5" clip-path="url(#c)" fill="#333"/>',
          '<path d="M0 0L5 5" clip-path="url(#c)" fill="#333" />',
        ),
    );
  });

  it('removes scripts, handlers, frames, forms, external URLs and CSS that loads or runs', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<SCRIPT src="https://evil.test/x.js"></SCRIPT>',
      '<img src="https://evil.test/p.png" onerror="alert(1)" alt="x">',
      '<img src=x ONERROR=alert(1)>',
      '<a href="javascript:alert(1)">a</a><a href="https://evil.test">b</a><a href="#top">c</a>',
      '<iframe src="https://evil.test"></iframe><object data="x.swf"></object><embed src="x">',
      '<form action="https://evil.test"><input name="q"></form>',
      '<link rel="stylesheet" href="https://evil.test/s.css"><meta http-equiv="refresh" content="0;url=https://evil.test">',
      '<base href="https://evil.test/">',
      '<div style="background:url(https://evil.test/b.png)">s</div>',
      '<style>@import "https://evil.test/i.css"; p{background:url( \'https://evil.test/c.png\' )} q{width:expression(alert(1))} r{b\\61ckground:u\\72l(//evil.test)}</style>',
      '<svg><use xlink:href="https://evil.test/s.svg#a"/><image href="https://evil.test/i.png"/><animate onbegin="alert(1)"/></svg>',
      '<p title=\'x" onmouseover="alert(1)\'>t</p>',
      '<scr<script>ipt>alert(2)</script>',
      '<!-- <script>alert(3)</script> -->',
      '<div><svg><foreignObject><iframe srcdoc="<script>alert(4)</script>"></iframe></foreignObject></svg></div>',
    ].join('\n');
    const out = sanitizeHtml(hostile);
    expect(out).not.toMatch(/<script|<iframe|<object|<embed|<form|<input|<link|<base|<use|<image|<animate/i);
    // The only `on…=` left is inside a quoted title value, as text.
    const outside = out.replace('title="x&quot; onmouseover=&quot;alert(1)"', '');
    expect(outside).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(out).not.toMatch(/<[^>]*evil\.test|url\(|javascript:|expression\(|@import/i);
    expect(outside).not.toMatch(/alert\([134]\)/);
    expect(out).toContain('<a href="#top">c</a>');
    expect(out).toContain('<a>a</a><a>b</a>');
    expect(out).toContain('<p title="x&quot; onmouseover=&quot;alert(1)">t</p>');
  });
});
