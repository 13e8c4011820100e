import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchInput } from '../../../bench/render-fixture';
import { createHtmlRenderer } from '../../app/render/html-renderer';
import { defaultPdfMargins } from '../../app/render/render-pdf-report';
import { createTemplateEngine } from '../../app/render/template-engine';
import type { PdfRenderOptions, RenderedPdf } from '../../ports/pdf-renderer';
import { rowChunkedDocument } from '../../app/render/row-chunked-document';
import { createChromiumPdfRenderer } from './chromium-pdf-renderer';
import { launchChromium } from './launch-chromium';
import { renderInChunks } from './render-in-chunks';
import { pdfInfo } from './testing/poppler';

// Real Chromium (@sparticuz/chromium); the PDFs read back with poppler-utils.
const single = createChromiumPdfRenderer({ poolSize: 1, renderTimeoutMs: 120_000 });
const chunked = createChromiumPdfRenderer({ poolSize: 1, renderTimeoutMs: 120_000, chunkRows: 300 });
// The header and footer band in parts of 10 pages (300 in production), as a 50k-row PDF prints it.
const bandInParts = createChromiumPdfRenderer({
  poolSize: 1,
  renderTimeoutMs: 120_000,
  chunkRows: 300,
  bandPartPages: 10,
});
afterAll(() => Promise.all([single.close(), chunked.close(), bandInParts.close()]));

const dir = mkdtempSync(join(tmpdir(), 'pdf-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pdftotext's text per page (form feeds split pages), layout kept. */
function pagesText(pdf: Uint8Array): string[] {
  const file = join(dir, `t-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 2 ** 28 })
    .split('\f')
    .slice(0, -1);
}

/** Page n as a grey PPM at 50 dpi. */
function pagePixels(pdf: Uint8Array, page: number): Buffer {
  const file = join(dir, `p-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  const out = join(dir, `p-${Math.random()}`);
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    '50',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    out,
  ]);
  return readFileSync(`${out}.pgm`);
}

function differingPixels(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 48) differ += 1;
  return differ;
}

describe('chunked PDF print (real Chromium)', () => {
  const input = benchInput(1_500);
  const printable = createHtmlRenderer(createTemplateEngine()).renderPrintable(input, defaultPdfMargins);
  const options: PdfRenderOptions = {
    margins: defaultPdfMargins,
    headerTemplate: printable.headerTemplate,
    footerTemplate: printable.footerTemplate,
    thumbnailWidth: 0,
  };
  let whole: RenderedPdf;
  let sliced: RenderedPdf;
  beforeAll(async () => {
    whole = await single.render(printable.html, options);
    sliced = await chunked.render(printable.html, options);
  }, 240_000);

  it('prints the same pages with the same text as one print', () => {
    expect(whole.pages).toBeGreaterThan(30);
    expect(sliced.pages).toBe(whole.pages);
    expect(pdfInfo(sliced.pdf).pages).toBe(whole.pages);
    const a = pagesText(whole.pdf);
    const b = pagesText(sliced.pdf);
    expect(b.length).toBe(a.length);
    for (let p = 0; p < a.length; p++) expect(b[p], `page ${p + 1}`).toBe(a[p]);
  });

  it('numbers the pages continuously across slices in the footer', () => {
    const text = pagesText(sliced.pdf);
    text.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${sliced.pages}`));
    expect(text[0]).toContain('Bench Tenant · Orders — quarterly detail');
  });

  it('looks like the single print on a page inside a later slice', () => {
    const page = Math.floor(whole.pages * 0.7);
    const differ = differingPixels(pagePixels(whole.pdf, page), pagePixels(sliced.pdf, page));
    expect(differ).toBeLessThan(50);
  });

  it('prints the header and footer band in page ranges: every page numbered and drawn as in one print', async () => {
    const parts = await bandInParts.render(printable.html, options);
    expect(whole.pages).toBeGreaterThan(20); // more than two parts of 10 pages
    expect(parts.pages).toBe(whole.pages);
    expect(pagesText(parts.pdf)).toEqual(pagesText(whole.pdf));
    const page = 15; // the second part's fifth page
    expect(differingPixels(pagePixels(whole.pdf, page), pagePixels(parts.pdf, page))).toBeLessThan(50);
  }, 120_000);

  it('leaves the row markers out of the merged PDF', () => {
    expect(Buffer.from(sliced.pdf).toString('latin1')).not.toContain('row-marker');
  });

  it('prints a short table whole', async () => {
    const short = createHtmlRenderer(createTemplateEngine()).renderPrintable(
      benchInput(400),
      defaultPdfMargins,
    );
    const a = await single.render(short.html, options);
    const b = await chunked.render(short.html, options);
    expect(b.pages).toBe(a.pages);
    expect(pagesText(b.pdf)).toEqual(pagesText(a.pdf));
  }, 120_000);
});

describe('Chromium at launch', () => {
  it('keeps no tab open (the start tab would hold a renderer process for nothing)', async () => {
    const browser = await launchChromium({ timeoutMs: 30_000, protocolTimeoutMs: 30_000 });
    try {
      expect(await browser.pages()).toHaveLength(0);
      const page = await browser.newPage(); // and it still opens tabs
      await page.setContent('<p>still here</p>');
      expect(await page.content()).toContain('<p>still here</p>');
    } finally {
      await browser.close();
    }
  });
});

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
    const browser = await launchChromium({ timeoutMs: 30_000, protocolTimeoutMs: 120_000 });
    try {
      const print = async (doc: string) => {
        const page = await browser.newPage();
        try {
          await page.setJavaScriptEnabled(false);
          await page.setContent(doc, { waitUntil: 'load' });
          return await page.pdf({ format: 'A4', margin, printBackground: true });
        } finally {
          await page.close();
        }
      };
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
      expect(pagesText(sliced.pdf)).toEqual(pagesText(whole));
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
    } finally {
      await browser.close();
    }
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
    const browser = await launchChromium({ timeoutMs: 30_000, protocolTimeoutMs: 120_000 });
    try {
      const print = async (doc: string) => {
        const page = await browser.newPage();
        try {
          await page.setJavaScriptEnabled(false);
          await page.setContent(doc, { waitUntil: 'load' });
          return await page.pdf({ format: 'A4', margin, printBackground: true });
        } finally {
          await page.close();
        }
      };
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
      const text = pagesText(whole);
      expect(text.filter((page) => !/^\s*row\s+x\s*\n\s*row \d+/.test(page)).length).toBeGreaterThan(5); // pages that start mid-row
      expect(sliced.pages).toBe(text.length);
      expect(pagesText(sliced.pdf)).toEqual(text);
    } finally {
      await browser.close();
    }
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
    const browser = await launchChromium({ timeoutMs: 30_000, protocolTimeoutMs: 120_000 });
    try {
      const printed: { pages: number }[] = [];
      const print = async (doc: string) => {
        const page = await browser.newPage();
        try {
          await page.setJavaScriptEnabled(false);
          await page.setContent(doc, { waitUntil: 'load' });
          const pdf = await page.pdf({ format: 'A4', margin: { top: '10mm', bottom: '10mm' } });
          printed.push({ pages: pdfInfo(pdf).pages });
          return pdf;
        } finally {
          await page.close();
        }
      };
      const sliced = await renderInChunks(rowChunkedDocument(html, 100)!, 200, print, undefined, 8);
      const whole = await print(html);
      printed.pop();
      expect(printed[0]!.pages).toBeGreaterThan(12); // the first slice: 200 rows
      const later = printed.slice(1, -1); // the last slice holds what is left
      expect(later.length).toBeGreaterThan(2);
      for (const slice of later) expect(slice.pages).toBeLessThanOrEqual(8 + 1);
      expect(pagesText(sliced.pdf)).toEqual(pagesText(whole));
    } finally {
      await browser.close();
    }
  }, 120_000);
});
