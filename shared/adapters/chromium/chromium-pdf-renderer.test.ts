import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from './chromium-pdf-renderer';
import { pdfInfo, pdfText, pngSize } from './testing/poppler';

// Real Chromium (@sparticuz/chromium), real PDFs read back with poppler-utils.
const renderer = createChromiumPdfRenderer({ poolSize: 2, renderTimeoutMs: 30_000 });
afterAll(() => renderer.close());

const page = (body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><style>thead{display:table-header-group} tr{break-inside:avoid}</style></head><body>${body}</body></html>`;
const table = (rows: number) =>
  page(
    `<table><thead><tr><th>Row</th><th>Value</th></tr></thead><tbody>${Array.from(
      { length: rows },
      (_, i) => `<tr><td>row-${i + 1}</td><td>${(i + 1) * 7}</td></tr>`,
    ).join('')}</tbody></table>`,
  );
const footer = 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>';

describe('Chromium PDF renderer', () => {
  it('renders a multi-page report: page count, text, running header and page numbers on every page', async () => {
    const out = await renderer.render(table(300), {
      headerTemplate: '<div style="font-size:8pt">ACME quarterly</div>',
      footerTemplate: `<div style="font-size:8pt">${footer}</div>`,
      margins: { top: '15mm', bottom: '15mm' },
    });
    expect(out.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(out.pdf);
    expect(out.pages).toBeGreaterThan(3);
    expect(out.pages).toBe(info.pages);
    expect(info.pageSize).toMatch(/^595\.\d* x 841\.\d* pts \(A4\)/);
    expect(info.tagged).toBe(false);
    const all = pdfText(out.pdf);
    expect(all).toContain('row-1 7');
    expect(all).toContain('row-300 2100'); // the screen-only row cut (200) leaves the PDF whole
    for (let p = 1; p <= out.pages; p++) {
      const text = pdfText(out.pdf, p);
      expect(text).toContain('ACME quarterly');
      expect(text).toContain(`Page ${p} of ${out.pages}`);
      expect(text).toMatch(/^ACME quarterly Row Value/); // the table header repeats on every page
    }
  });

  it('honours page size and orientation', async () => {
    const out = await renderer.render(page('<p>wide</p>'), { pageSize: 'Letter', orientation: 'landscape' });
    expect(pdfInfo(out.pdf).pageSize).toBe('792 x 612 pts (letter)');
    expect(out.pages).toBe(1);
  });

  it('takes a PNG thumbnail of page 1 at the requested width, in the same render', async () => {
    const out = await renderer.render(page('<h1 style="background:#c00;color:#fff">Top of page one</h1>'), {
      thumbnailWidth: 240,
      margins: { top: '10mm', right: '10mm', bottom: '10mm', left: '10mm' },
    });
    const size = pngSize(out.thumbnailPng!);
    // A4 printable area 10 mm in on each side: 718 × 1047 CSS px, scaled to 240 px wide.
    expect(size.width).toBe(240);
    expect(size.height).toBeGreaterThanOrEqual(349);
    expect(size.height).toBeLessThanOrEqual(351);
    const none = await renderer.render(page('<p>x</p>'), { thumbnailWidth: 0 });
    expect(none.thumbnailPng).toBeUndefined();
  });

  it('renders tagged (accessible) PDFs on request, untagged by default', async () => {
    const html = page('<h1>Heading</h1><p>Paragraph text</p>');
    const untagged = await renderer.render(html);
    const tagged = await renderer.render(html, { tagged: true });
    expect(pdfInfo(untagged.pdf).tagged).toBe(false);
    expect(pdfInfo(tagged.pdf).tagged).toBe(true);
    expect(tagged.pdf.toString('latin1')).toContain('/StructTreeRoot');
    expect(untagged.pdf.toString('latin1')).not.toContain('/StructTreeRoot');
    expect(pdfText(tagged.pdf)).toBe('Heading Paragraph text');
    expect(pdfText(untagged.pdf)).toBe('Heading Paragraph text');
  });

  it('runs no JavaScript', async () => {
    const out = await renderer.render(page('<p>static</p><script>document.write("SCRIPT-RAN")</script>'));
    expect(pdfText(out.pdf)).toBe('static');
  });

  it('renders several documents at once through the pool', async () => {
    const outs = await Promise.all([1, 2, 3, 4].map((n) => renderer.render(page(`<p>doc ${n}</p>`))));
    expect(outs.map((o) => pdfText(o.pdf))).toEqual(['doc 1', 'doc 2', 'doc 3', 'doc 4']);
  });
});

describe('Chromium PDF renderer: no network, no files', () => {
  let server: Server;
  let origin: string;
  const hits: string[] = [];
  let connections = 0;
  let dir: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('SERVED');
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'pdf-secret-'));
    writeFileSync(join(dir, 'secret.html'), 'TOP-SECRET-FILE');
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  it('blocks every request but data: URLs, in the document and in header/footer templates', async () => {
    const dot =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const out = await renderer.render(
      page(
        `<link rel="stylesheet" href="${origin}/style.css"><link rel="preconnect" href="${origin}">` +
          `<p style="background:url(${origin}/bg.png)">text</p><img src="${origin}/img.png"><img src="${dot}">` +
          `<iframe src="${origin}/frame"></iframe><iframe src="file://${dir}/secret.html"></iframe>`,
      ),
      { headerTemplate: `<img src="${origin}/header.png">`, footerTemplate: '<span></span>' },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toEqual([]);
    expect(connections).toBe(0);
    expect(out.blockedRequests).toBe(4); // style.css, bg.png, img.png, frame — the data: image loads
    expect(pdfText(out.pdf)).not.toMatch(/SERVED|TOP-SECRET-FILE/);
  });
});
