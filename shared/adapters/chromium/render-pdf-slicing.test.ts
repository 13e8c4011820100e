import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowChunkedDocument } from '../../app/render/row-chunked-document';
import type { Browser, PDFMargin } from 'puppeteer-core';
import { launchChromium } from './launch-chromium';
import { renderInChunks } from './render-in-chunks';
import { pdfInfo, pdfPagesText } from './testing/poppler';

// Where a slice is cut and how long it is, on tables made for it: renderInChunks over plain prints in
// real Chromium (no header and footer band), each print in a fresh tab of one browser.
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium({ timeoutMs: 30_000, protocolTimeoutMs: 120_000 });
});
afterAll(() => browser.close());

async function printA4(doc: string, margin: PDFMargin): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setContent(doc, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', margin, printBackground: true });
  } finally {
    await page.close();
  }
}

describe('chunked print when pages hold more rows further down (real Chromium)', () => {
  // 360 tall rows (~14 a page), then 1,000 short ones (~90 a page): after the first slices, the rows
  // marked at a slice's end (twice the most a page held) are fewer than its last page holds.
  const rows = Array.from({ length: 1_360 }, (_, i) =>
    i < 360
      ? `<tr><td>tall ${i}</td><td>a${'<br>a'.repeat(5)}</td></tr>`
      : `<tr><td>short ${i}</td><td>b</td></tr>`,
  ).join('');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title><style>
body { font: 8px/10px sans-serif; margin: 0 } td { padding: 0 } tr { break-inside: avoid } table { table-layout: fixed; width: 100%; border-collapse: collapse }
</style></head><body><h1>Rows</h1><table><thead><tr><th>row</th><th>x</th></tr></thead><tbody>${rows}</tbody></table><p>end</p></body></html>`;
  const margin = { top: '10mm', right: '10mm', bottom: '10mm', left: '10mm' };

  it('prints a slice again with every row marked and still matches the single print', async () => {
    const print = (doc: string) => printA4(doc, margin);
    const prints: string[] = [];
    const sliced = await renderInChunks(
      rowChunkedDocument(html, 300)!,
      200,
      (doc) => {
        prints.push(doc);
        return print(doc);
      },
      undefined,
      14, // pages per slice: ~200 of the tall rows, as many pages of the short ones
    );
    const whole = await print(html);
    expect(sliced.pages).toBe(pdfInfo(whole).pages);
    expect(pdfPagesText(sliced.pdf)).toEqual(pdfPagesText(whole));
    // A slice printed twice: first with its last rows marked, then with all of them.
    const unmarked = prints.map((doc) =>
      doc.replace(/<a class="row-marker[^>]*><\/a>/g, '').replace(/ data-row-marked/g, ''),
    );
    const marks = prints.map((doc) => doc.split(/row-marker\.invalid\/\d/).length - 1);
    const again = unmarked.findIndex((doc, i) => i > 0 && doc === unmarked[i - 1]);
    expect(again).toBeGreaterThan(1);
    expect(marks[again - 1]).toBeLessThan(marks[again]!);
    expect(prints[again - 1]).toContain('<tr><td>'); // rows left unmarked…
    expect(prints[again]).not.toContain('<tr><td>'); // …then every printed row marked
  }, 120_000);
});

describe('chunked print of rows that break across pages (real Chromium)', () => {
  // Rows of 1 to 7 lines that may break across pages (the tenant's CSS overrides the report stylesheet's
  // break-inside: avoid): many pages start with the rest of a row begun on the page before.
  const rows = Array.from(
    { length: 1_200 },
    (_, i) =>
      `<tr><td>row ${i}</td><td>${Array.from({ length: 1 + (i % 7) }, (_, j) => `line ${j} of row ${i}`).join('<br>')}</td></tr>`,
  ).join('');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title><style>
body { font: 10px/12px sans-serif; margin: 0 } td { padding: 1px; border: 1px solid #999 } tr { break-inside: auto }
table { border-collapse: collapse; width: 100% }
</style></head><body><h1>Rows</h1><table><thead><tr><th>row</th><th>x</th></tr></thead><tbody>${rows}</tbody></table><p>end</p></body></html>`;
  const margin = { top: '15mm', right: '10mm', bottom: '15mm', left: '10mm' };

  it('cuts each slice at a page that starts with a row, so no row loses its rest', async () => {
    const print = (doc: string) => printA4(doc, margin);
    let prints = 0;
    const sliced = await renderInChunks(
      rowChunkedDocument(html, 300)!,
      200,
      (doc) => {
        prints += 1;
        return print(doc);
      },
      undefined,
      6, // pages per slice: several slices of these 1,200 rows
    );
    const whole = await print(html);
    expect(prints).toBeGreaterThan(4); // sliced, not printed whole
    const text = pdfPagesText(whole);
    expect(text.filter((page) => !/^\s*row\s+x\s*\n\s*row \d+/.test(page)).length).toBeGreaterThan(5); // pages that start mid-row
    expect(sliced.pages).toBe(text.length);
    expect(pdfPagesText(sliced.pdf)).toEqual(text);
  }, 120_000);
});

describe('chunked print sized in pages (real Chromium)', () => {
  // Rows of five lines: 200 of them fill ~20 pages, where 200 rows of one line fill ~5.
  const rows = Array.from(
    { length: 700 },
    (_, i) =>
      `<tr><td>row ${i}</td><td>${Array.from({ length: 5 }, (_, j) => `line ${j}`).join('<br>')}</td></tr>`,
  ).join('');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title><style>
body { font: 10px/12px sans-serif; margin: 0 } td { padding: 1px } tr { break-inside: avoid }
</style></head><body><table><thead><tr><th>row</th><th>x</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;

  it('gives later slices the rows that fill the pages asked for, whatever the rows are tall', async () => {
    const printed: { pages: number }[] = [];
    const print = async (doc: string) => {
      const pdf = await printA4(doc, { top: '10mm', bottom: '10mm' });
      printed.push({ pages: pdfInfo(pdf).pages });
      return pdf;
    };
    const sliced = await renderInChunks(rowChunkedDocument(html, 100)!, 200, print, undefined, 8);
    const whole = await print(html);
    printed.pop();
    expect(printed[0]!.pages).toBeGreaterThan(12); // the first slice: 200 rows
    const later = printed.slice(1, -1); // the last slice holds what is left
    expect(later.length).toBeGreaterThan(2);
    for (const slice of later) expect(slice.pages).toBeLessThanOrEqual(8 + 1);
    expect(pdfPagesText(sliced.pdf)).toEqual(pdfPagesText(whole));
  }, 120_000);
});
