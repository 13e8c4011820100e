import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { createHtmlRenderer } from './html-renderer';
import type { ReportRenderInput } from './report-render-input';
import { createTemplateEngine } from './template-engine';

const renderer = createHtmlRenderer(createTemplateEngine());

const input = (template?: ReportRenderInput['template']): ReportRenderInput => ({
  ...(template ? { template } : {}),
  report: { name: 'Sales <EU>', description: 'Weekly' },
  run: { id: 'run-1', fireTime: '2026-03-02T08:00:00Z', parameters: { region: 'EU' } },
  tenant: { name: 'Acme', timezone: 'Europe/Berlin' },
  columns: [
    { name: 'city', type: 'VARCHAR' },
    { name: 'total', type: 'DOUBLE' },
  ],
  rows: [
    { city: 'Berlin', total: 12.5 },
    { city: '<i>Paris</i>', total: null },
  ],
  now: new Date('2026-03-02T08:00:05Z'),
});

describe('HTML renderer', () => {
  it('exposes report, run, params, tenant, rows, columns and now to the template', () => {
    const html = renderer.renderDocument(
      input({
        body:
          '{{ report.name }}|{{ report.description }}|{{ run.id }}|{{ run.fireTime | format_date: "HH:mm" }}|' +
          '{{ run.parameters.region }}|{{ params.region }}|{{ tenant.name }}|{{ tenant.timezone }}|' +
          '{{ rows.size }}|{{ columns[1].name }}:{{ columns[1].type }}|{{ now }}',
      }),
    );
    expect(html).toContain(
      'Sales &lt;EU&gt;|Weekly|run-1|09:00|EU|EU|Acme|Europe/Berlin|2|total:DOUBLE|2026-03-02T08:00:05.000Z',
    );
  });

  it('wraps the body in a complete document with header, footer, title and the print stylesheet', () => {
    const html = renderer.renderDocument(
      input({ body: '<p>body</p>', header: 'H {{ tenant.name }}', footer: 'F' }),
    );
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<title>Sales &lt;EU&gt;</title>');
    expect(html).toContain("default-src 'none'");
    expect(html).toMatch(
      /<header class="report-header">H Acme<\/header>\n<main class="report-body">\n<p>body<\/p>\n<\/main>\n<footer class="report-footer">F<\/footer>/,
    );
    expect(html).toMatch(/thead \{ display: table-header-group; \}/);
    expect(html).toMatch(/tr, td, th,[^{]*\{ page-break-inside: avoid; break-inside: avoid; \}/);
    expect(html).not.toMatch(/<script/i);
  });

  it('without a template renders a table of every column, values escaped', () => {
    const html = renderer.renderDocument(input());
    expect(html).toContain('<h1>Sales &lt;EU&gt;</h1>');
    expect(html).toContain('<thead><tr><th>city</th><th>total</th></tr></thead>');
    expect(html).toContain('<tr><td>Berlin</td><td>12.5</td></tr>');
    expect(html).toContain('<tr><td>&lt;i&gt;Paris&lt;/i&gt;</td><td></td></tr>');
    expect(html).toContain('2 Mar 2026 09:00 GMT+1');
  });

  it('for print, moves header and footer into Chromium page templates; the default footer numbers pages', () => {
    const withParts = renderer.renderPrintable(
      input({ body: 'B', header: 'Head {{ report.name }}', footer: 'Foot' }),
      {
        left: '20mm',
        right: '15mm',
      },
    );
    expect(withParts.html).not.toContain('Head');
    expect(withParts.headerTemplate).toContain('Head Sales &lt;EU&gt;');
    expect(withParts.headerTemplate).toContain('margin:0 15mm 0 20mm');
    expect(withParts.footerTemplate).toContain('Foot');
    const plain = renderer.renderPrintable(input({ body: 'B' }));
    expect(plain.footerTemplate).toContain(
      '<span class="pageNumber"></span> / <span class="totalPages"></span>',
    );
  });

  it('a bad header template fails with TEMPLATE_ERROR naming the header', () => {
    let err: unknown;
    try {
      renderer.renderPrintable(input({ body: 'ok', header: '\n{{ tenant.secret }}' }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toMatchObject({ part: 'header', line: 2, column: 4 });
  });
});
