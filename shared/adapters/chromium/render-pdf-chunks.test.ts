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
import { createChromiumPdfRenderer } from './chromium-pdf-renderer';
import { launchChromium } from './launch-chromium';
import { pdfInfo, pdfPagesText } from './testing/poppler';

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
    const a = pdfPagesText(whole.pdf);
    const b = pdfPagesText(sliced.pdf);
    expect(b.length).toBe(a.length);
    for (let p = 0; p < a.length; p++) expect(b[p], `page ${p + 1}`).toBe(a[p]);
  });

  it('numbers the pages continuously across slices in the footer', () => {
    const text = pdfPagesText(sliced.pdf);
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
    expect(pdfPagesText(parts.pdf)).toEqual(pdfPagesText(whole.pdf));
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
    expect(pdfPagesText(b.pdf)).toEqual(pdfPagesText(a.pdf));
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
