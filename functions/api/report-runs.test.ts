/* eslint-disable @typescript-eslint/no-unsafe-argument -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractData } from '../../shared/app/pipeline/extract-data';
import { renderArtifact } from '../../shared/app/pipeline/render-artifact';
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import { startRun } from '../../shared/app/pipeline/start-run';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { uniqueName } from '../../test/support/storage';
import { startApiFixture, type ApiFixture, type Caller, admin, creator, viewer } from './testing/api-fixture';
import { createPrefixedQueueBus } from './testing/prefixed-queue-bus';

// The API over real adapters; ExecutionRequested goes to Storage queues under a prefix of this file.
const { bus, published } = createPrefixedQueueBus();

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(
    () =>
      Promise.all([
        import('./reports.js'),
        import('./report-runs.js'),
        import('./artifacts.js'),
        import('./artifact-preview.js'),
        import('./openapi.js'),
      ]),
    { overrides: () => ({ bus }) },
  );
});
afterAll(async () => {
  await api.deps.runs.renderers.pdf.close();
  await api.close();
});

const withParameter = {
  ...exampleReportRequest,
  dataSource: {
    connectionId: 'demo',
    sql: 'select region, sum(amount) as total from sales where quantity >= $minQty group by region order by region',
    parameters: [{ name: 'minQty', type: 'integer', required: true }],
  },
};

async function createReport(as: Caller, body: object = withParameter): Promise<string> {
  const res = await api.call('createReport', { method: 'POST', path: '/api/v1/reports', as, body });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const runNow = (id: string, as: Caller, body?: unknown, headers: Record<string, string> = {}) =>
  api.call('runReportNow', {
    method: 'POST',
    path: `/api/v1/reports/${id}/runs`,
    params: { id },
    as,
    headers,
    ...(body === undefined ? {} : { body }),
  });

describe('POST /v1/reports/{id}/runs (run now)', () => {
  it('202 with the queued run and its Location; the message carries the parameters', async () => {
    const tenant = api.tenant();
    const id = await createReport(admin(tenant));
    const res = await runNow(id, admin(tenant), { parameters: { minQty: 5 } });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      reportId: id,
      tenantId: tenant,
      status: 'queued',
      trigger: 'manual',
      attempt: 1,
      parameters: { minQty: 5 },
      steps: [],
    });
    expect(res.headers.location).toMatch(new RegExp(`^https?://[^/]+/api/v1/runs/${res.json.id}/result$`));
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await published(res.json.id)).toMatchObject({ reportId: id, parameters: { minQty: 5 } });
  });

  it('a body is optional when the parameters have defaults; Idempotency-Key replays the same run', async () => {
    const tenant = api.tenant();
    const id = await createReport(admin(tenant), exampleReportRequest);
    const key = { 'Idempotency-Key': uniqueName('k') };
    const first = await runNow(id, admin(tenant), undefined, key);
    const again = await runNow(id, admin(tenant), undefined, key);
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.json.id).toBe(first.json.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('400 names the parameter: missing, wrong type, undeclared; unknown body fields too', async () => {
    const tenant = api.tenant();
    const id = await createReport(admin(tenant));
    const field = async (body: unknown) => {
      const res = await runNow(id, admin(tenant), body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_ERROR');
      return res.json.error.details.field as string;
    };
    expect(await field({})).toBe('parameters.minQty');
    expect(await field({ parameters: { minQty: 'five' } })).toBe('parameters.minQty');
    expect(await field({ parameters: { minQty: 1, region: "x'; drop table sales; --" } })).toBe(
      'parameters.region',
    );
    expect(await field({ parameters: { minQty: 1 }, extra: true })).toBe('extra');
  });

  it('another tenant’s report → 404; a viewer → 403; a creator only runs their own reports', async () => {
    const tenant = api.tenant();
    const mine = await createReport(creator(tenant, 'alice'));
    expect((await runNow(mine, admin(api.tenant()), { parameters: { minQty: 1 } })).status).toBe(404);
    const asViewer = await runNow(mine, viewer(tenant), { parameters: { minQty: 1 } });
    expect([asViewer.status, asViewer.json.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await runNow(mine, creator(tenant, 'bob'), { parameters: { minQty: 1 } })).status).toBe(403);
    expect((await runNow(mine, creator(tenant, 'alice'), { parameters: { minQty: 1 } })).status).toBe(202);
  });
});

describe('GET /v1/artifacts/{id}/preview', () => {
  /** Runs the published run through the real activities with the composition root's dependencies. */
  async function renderAll(tenant: string, reportId: string): Promise<Record<string, string>> {
    const res = await runNow(reportId, admin(tenant));
    const message = (await published(res.json.id))!;
    const deps = api.deps.runs;
    const orchestrations = { exists: () => Promise.resolve(false), start: () => Promise.resolve() };
    await admitExecutionRequest({ ...deps, orchestrations }, message);
    const ref = { tenantId: tenant, runId: message.runId };
    const started = await startRun(deps, ref);
    const extracted = await extractData(deps, ref);
    if (!started.ok || !extracted.ok) throw new Error('run did not start');
    const ids: Record<string, string> = {};
    for (const format of started.formats) {
      const out = await renderArtifact(deps, { ...ref, format, stagedBlob: extracted.stagedBlob });
      if (!out.ok) throw new Error(out.error.message);
      ids[format] = out.artifactId;
    }
    return ids;
  }

  const preview = (id: string, as: Caller) =>
    api.call('previewArtifact', { path: `/api/v1/artifacts/${id}/preview`, params: { id }, as });

  it('PDF → PNG of page 1; CSV and JSON → first rows as JSON; HTML → sanitized with a strict CSP', async () => {
    const tenant = api.tenant();
    const reportId = await createReport(admin(tenant), {
      ...exampleReportRequest,
      dataSource: {
        connectionId: 'demo',
        sql: 'select day, region, amount from sales order by day, region limit 150',
      },
      template: {
        body: '<h1 onclick="alert(1)">{{ report.name }}</h1><script>alert(2)</script><p>{{ rows.size }} rows</p>',
      },
      outputs: [{ format: 'csv' }, { format: 'json' }, { format: 'html' }, { format: 'pdf' }],
    });
    const ids = await renderAll(tenant, reportId);

    const png = await preview(ids.pdf!, viewer(tenant));
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.text.startsWith('\uFFFDPNG\r\n\u001a\n')).toBe(true);

    for (const format of ['csv', 'json']) {
      const rows = await preview(ids[format]!, viewer(tenant));
      expect(rows.status).toBe(200);
      expect(rows.headers['content-type']).toMatch(/^application\/json/);
      expect(rows.json.columns).toEqual(['day', 'region', 'amount']);
      expect(rows.json.rows).toHaveLength(100);
      expect(rows.json.truncated).toBe(true);
      expect(Object.keys(rows.json.rows[0])).toEqual(['day', 'region', 'amount']);
    }

    const html = await preview(ids.html!, viewer(tenant));
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
    );
    expect(html.text).toContain('<h1>Sales by region</h1>');
    expect(html.text).toContain('<p>150 rows</p>');
    expect(html.text).not.toMatch(/<script|onclick|alert/);

    const detail = await api.call('getArtifact', {
      path: `/api/v1/artifacts/${ids.pdf}`,
      params: { id: ids.pdf! },
      as: viewer(tenant),
    });
    expect(detail.json).toMatchObject({ hasThumbnail: true, format: 'pdf' });
    expect(detail.json.pages).toBeGreaterThan(0);
    expect(detail.json.thumbnailUrl).toMatch(/\.thumbnail\.png\?/);
    expect(detail.json).not.toHaveProperty('thumbnailBlobName');

    const other = await preview(ids.pdf!, viewer(api.tenant()));
    expect([other.status, other.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const missing = await preview('0190aaaa-0000-7000-8000-000000000000', viewer(tenant));
    expect(missing.status).toBe(404);
  }, 60_000);
});

describe('OpenAPI', () => {
  it('documents run now (body, 202, Idempotency-Key) and the preview, and keeps the example report body', async () => {
    const doc = (await api.call('openApiJson', { path: '/api/v1/openapi.json' })).json;
    const runNowOp = doc.paths['/api/v1/reports/{id}/runs'].post;
    expect(runNowOp.operationId).toBe('runReportNow');
    expect(Object.keys(runNowOp.responses)).toEqual(
      expect.arrayContaining(['202', '400', '403', '404', '429']),
    );
    expect(runNowOp.description).toContain('Idempotency-Key');
    expect(runNowOp.requestBody.required).not.toBe(true);
    const previewOp = doc.paths['/api/v1/artifacts/{id}/preview'].get;
    expect(previewOp.operationId).toBe('previewArtifact');
    expect(previewOp.description).toContain("default-src 'none'");
    expect(doc.paths['/api/v1/reports'].post.requestBody.content['application/json'].example).toEqual(
      exampleReportRequest,
    );
  });
});
