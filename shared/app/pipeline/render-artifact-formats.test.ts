import { buffer } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeTestPdfRenderer,
  createTestRunDeps,
  demoReport,
  stagedRun,
} from '../../../test/support/run-deps';
import { createChromiumPdfRenderer } from '../../adapters/chromium/chromium-pdf-renderer';
import { pdfInfo, pdfText, pngSize } from '../../adapters/chromium/testing/poppler';
import { renderArtifact } from './render-artifact';

// Real Azurite, DuckDB and Chromium; the PDF is read back with poppler.
afterAll(() => closeTestPdfRenderer());

const byRegion = {
  connectionId: 'demo',
  sql: 'select region, sum(amount) as total, count(*) as orders from sales group by region order by region',
  parameters: [],
};

describe('renderArtifact: HTML and PDF', () => {
  it('renders the template to HTML with every row, escaped, as text/html', async () => {
    const deps = createTestRunDeps();
    const report = demoReport('acme', {
      name: 'Regions <b>',
      dataSource: byRegion,
      template: {
        body: '<h1>{{ report.name }}</h1>{% for r in rows %}<p>{{ r.region }}={{ r.orders }}</p>{% endfor %}',
      },
      outputs: [{ format: 'html' }],
    });
    const { ref, stagedBlob } = await stagedRun(deps, 'acme', report);
    const rendered = await renderArtifact(deps, { ...ref, format: 'html', stagedBlob });
    if (!rendered.ok) throw new Error(rendered.error.message);
    const artifact = (await deps.repos.artifacts.get('acme', rendered.artifactId))!.doc;
    expect(artifact.contentType).toBe('text/html; charset=utf-8');
    expect(artifact.fileName).toMatch(/^regions-b-.*\.html$/);
    expect(artifact.thumbnailBlobName).toBeUndefined();
    const html = (await buffer(await deps.blobs.openRead('acme', artifact.blobName))).toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<h1>Regions &lt;b&gt;</h1>');
    const source = await deps.dataSources.resolve('acme', 'demo');
    const result = await source.query({ sql: byRegion.sql, params: {}, timeoutMs: 5000, maxRows: 100 });
    const expected: string[] = [];
    for await (const batch of result.batches)
      for (const row of batch) expected.push(`<p>${String(row.region)}=${String(row.orders)}</p>`);
    expect(expected.length).toBeGreaterThan(2);
    expect(html).toContain(expected.join(''));
  });

  it('renders a PDF with the report options, its page count, and a PNG of page 1 stored beside it', async () => {
    const deps = createTestRunDeps();
    const report = demoReport('acme', {
      name: 'Daily sales',
      dataSource: {
        connectionId: 'demo',
        sql: 'select day, region, amount from sales order by day, region, amount limit 300',
        parameters: [],
      },
      template: {
        body: '<h1>{{ report.name }}</h1><table>{% for r in rows %}<tr><td>{{ forloop.index }}</td><td>{{ r.region }}</td><td>{{ r.amount | currency: "USD" }}</td></tr>{% endfor %}</table>',
      },
      outputs: [{ format: 'pdf', options: { pageSize: 'A5', orientation: 'landscape' } }],
    });
    const { ref, stagedBlob } = await stagedRun(deps, 'acme', report);
    const rendered = await renderArtifact(deps, { ...ref, format: 'pdf', stagedBlob });
    if (!rendered.ok) throw new Error(rendered.error.message);
    const artifact = (await deps.repos.artifacts.get('acme', rendered.artifactId))!.doc;
    expect(artifact.contentType).toBe('application/pdf');
    const pdf = await buffer(await deps.blobs.openRead('acme', artifact.blobName));
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(artifact.pages);
    expect(info.pages).toBeGreaterThan(3);
    expect(info.pageSize).toMatch(/^595(\.\d+)? x 4(19|20)(\.\d+)? pts/); // A5 landscape
    expect(pdfText(pdf, 1)).toMatch(/^Daily sales 1 \S+ \$[\d,.]+ 2 /);
    expect(pdfText(pdf)).toContain(`300 `);
    expect(pdfText(pdf, info.pages)).toMatch(new RegExp(`${info.pages} / ${info.pages}$`));

    expect(artifact.thumbnailBlobName).toBe(`${artifact.blobName}.thumbnail.png`);
    const png = await buffer(await deps.blobs.openRead('acme', artifact.thumbnailBlobName!));
    expect(pngSize(png).width).toBe(320);
    const run = (await deps.repos.runs.get('acme', ref.runId))!.doc;
    expect(run.steps.find((s) => s.name === 'render:pdf')).toMatchObject({ status: 'succeeded' });
  });

  it('a template error is a permanent TEMPLATE_ERROR with line and column; too many rows a TEMPLATE_LIMIT', async () => {
    const deps = createTestRunDeps();
    const broken = demoReport('acme', {
      dataSource: byRegion,
      template: { body: 'ok\n{{ rows | nope }}' },
      outputs: [{ format: 'pdf' }],
    });
    const first = await stagedRun(deps, 'acme', broken);
    const bad = await renderArtifact(deps, { ...first.ref, format: 'pdf', stagedBlob: first.stagedBlob });
    expect(bad).toMatchObject({ ok: false, error: { code: 'TEMPLATE_ERROR' } });
    expect(!bad.ok && bad.error.message).toMatch(/line 2/);

    const big = demoReport('acme', { dataSource: byRegion, outputs: [{ format: 'html' }] });
    const small = { ...deps, renderers: { ...deps.renderers, maxTemplateRows: 3 } };
    const second = await stagedRun(small, 'acme', big);
    const limited = await renderArtifact(small, {
      ...second.ref,
      format: 'html',
      stagedBlob: second.stagedBlob,
    });
    expect(limited).toMatchObject({ ok: false, error: { code: 'TEMPLATE_LIMIT' } });
    const run = (await deps.repos.runs.get('acme', second.ref.runId))!.doc;
    expect(run.steps.find((s) => s.name === 'render:html')).toMatchObject({ status: 'failed' });
  });

  it('a Chromium failure is thrown as a retryable RENDER_FAILED; the retry counts the step attempt', async () => {
    // A real renderer that was shut down fails every render the way a dead browser does.
    const closed = createChromiumPdfRenderer({ poolSize: 1 });
    await closed.close();
    const failing = createTestRunDeps({ pdf: closed });
    const report = demoReport('acme', { dataSource: byRegion, outputs: [{ format: 'pdf' }] });
    const { ref, stagedBlob } = await stagedRun(failing, 'acme', report);
    await expect(renderArtifact(failing, { ...ref, format: 'pdf', stagedBlob })).rejects.toMatchObject({
      code: 'RENDER_FAILED',
      retryable: true,
    });
    let run = (await failing.repos.runs.get('acme', ref.runId))!.doc;
    expect(run.steps.find((s) => s.name === 'render:pdf')).toMatchObject({ status: 'failed' });

    // The retried activity (same request) with a working browser succeeds and says it was attempt 2.
    const working = { ...failing, renderers: createTestRunDeps().renderers };
    const retried = await renderArtifact(working, { ...ref, format: 'pdf', stagedBlob });
    expect(retried.ok).toBe(true);
    run = (await failing.repos.runs.get('acme', ref.runId))!.doc;
    expect(run.steps.find((s) => s.name === 'render:pdf')).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
  });
});
