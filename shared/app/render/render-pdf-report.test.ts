import { afterAll, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../adapters/chromium/chromium-pdf-renderer';
import { pdfInfo, pdfText, pngSize } from '../../adapters/chromium/testing/poppler';
import { createHtmlRenderer } from './html-renderer';
import { renderPdfReport } from './render-pdf-report';
import type { ReportRenderInput } from './report-render-input';
import { createTemplateEngine } from './template-engine';

// Liquid → HTML → real Chromium → PDF read back with poppler-utils.
const pdf = createChromiumPdfRenderer({ poolSize: 1 });
afterAll(() => pdf.close());
const deps = { html: createHtmlRenderer(createTemplateEngine()), pdf };

const rows = Array.from({ length: 400 }, (_, i) => ({
  city: i === 0 ? '<script>alert(1)</script>' : `City ${i + 1}`,
  region: ['North', 'South', 'East'][i % 3],
  total: 1000 + i,
}));
const input: ReportRenderInput = {
  template: {
    body: `<h1>{{ report.name }}</h1>
{{ rows | chart: 'bar', 'region', 'total', title: 'Totals by region' }}
<table><thead><tr><th>City</th><th>Region</th><th class="num">Total</th></tr></thead><tbody>
{%- for r in rows %}<tr><td>{{ r.city }}</td><td>{{ r.region }}</td><td class="num">{{ r.total | currency: 'USD' }}</td></tr>{% endfor %}
</tbody></table>`,
    header: '{{ tenant.name }} — {{ run.fireTime | format_date: "d MMM yyyy" }}',
  },
  report: { name: 'Regional totals', description: '' },
  run: { id: 'r1', fireTime: '2026-05-04T07:00:00Z', parameters: {} },
  tenant: { name: 'Acme Ltd', timezone: 'Europe/London' },
  columns: [],
  rows,
  now: new Date('2026-05-04T07:00:01Z'),
};

it('renders a templated multi-page report: chart, repeated table header, header and default page numbers', async () => {
  const out = await renderPdfReport(deps, input, { pageSize: 'A4', orientation: 'portrait' });
  expect(out.pages).toBe(pdfInfo(out.pdf).pages);
  expect(out.pages).toBeGreaterThan(5);
  expect(out.timings.htmlMs).toBeGreaterThan(0);
  expect(pngSize(out.thumbnailPng!).width).toBe(320);

  const first = pdfText(out.pdf, 1);
  expect(first).toMatch(/^Acme Ltd — 4 May 2026 Regional totals Totals by region/);
  expect(first).toContain('North');
  expect(first).toContain('City Region Total <script>alert(1)</script> North $1,000.00');
  for (let p = 2; p <= out.pages; p++) {
    const text = pdfText(out.pdf, p);
    expect(text).toMatch(/^Acme Ltd — 4 May 2026 City Region Total City \d+/);
    expect(text).toMatch(new RegExp(`Regional totals ${p} / ${out.pages}$`));
  }
  expect(pdfText(out.pdf)).toContain('City 400 North $1,399.00');
});

it('a template error stops before Chromium, as a permanent TEMPLATE_ERROR', async () => {
  await expect(
    renderPdfReport(deps, { ...input, template: { body: '{{ rows | chart: "bar", "nope", "total" }}' } }),
  ).rejects.toMatchObject({ code: 'TEMPLATE_ERROR', retryable: false, details: { line: 1, column: 1 } });
});
