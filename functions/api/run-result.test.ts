/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractData } from '../../shared/app/pipeline/extract-data';
import { finishRun } from '../../shared/app/pipeline/finish-run';
import { renderArtifact } from '../../shared/app/pipeline/render-artifact';
import { startRun } from '../../shared/app/pipeline/start-run';
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import type { ExecutionRequested } from '../../shared/contracts/run-messages';
import { startApiFixture, type ApiFixture, admin, viewer } from './testing/api-fixture';
import { createPrefixedQueueBus } from './testing/prefixed-queue-bus';

// The API over real adapters (Azurite); run now publishes to Storage queues under a prefix of this file.
const queued = createPrefixedQueueBus();
const { bus } = queued;

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(
    () => Promise.all([import('./reports.js'), import('./report-runs.js'), import('./run-result.js')]),
    { overrides: () => ({ bus }) },
  );
});
afterAll(async () => {
  await api.deps.runs.renderers.pdf.close();
  await api.close();
});

async function published(runId: string): Promise<ExecutionRequested> {
  const found = await queued.published(runId);
  if (!found) throw new Error(`run ${runId} was not published`);
  return found;
}

/** Runs the published run through the real activities, up to its recorded end. */
async function runToEnd(message: ExecutionRequested): Promise<void> {
  const deps = api.deps.runs;
  const orchestrations = { exists: () => Promise.resolve(false), start: () => Promise.resolve() };
  await admitExecutionRequest({ ...deps, orchestrations }, message);
  const ref = { tenantId: message.tenantId, runId: message.runId };
  const started = await startRun(deps, ref);
  const extracted = await extractData(deps, ref);
  if (!started.ok || !extracted.ok) throw new Error('run did not start');
  for (const format of started.formats) {
    const out = await renderArtifact(deps, { ...ref, format, stagedBlob: extracted.stagedBlob });
    if (!out.ok) throw new Error(out.error.message);
  }
  await finishRun(deps, { ...ref, status: 'succeeded', error: null });
}

const result = (id: string, as = admin(api.tenant())) =>
  api.call('getRunResult', { path: `/api/v1/runs/${id}/result`, params: { id }, as });

describe('GET /v1/runs/{id}/result (run now and wait)', () => {
  it('run now points at the result; 202 + Location + Retry-After while queued, then 200 with signed links', async () => {
    const tenant = api.tenant();
    const created = await api.call('createReport', {
      method: 'POST',
      path: '/api/v1/reports',
      as: admin(tenant),
      body: { ...exampleReportRequest, outputs: [{ format: 'csv' }, { format: 'json' }] },
    });
    const reportId = created.json.id as string;
    const started = await api.call('runReportNow', {
      method: 'POST',
      path: `/api/v1/reports/${reportId}/runs`,
      params: { id: reportId },
      as: admin(tenant),
    });
    expect(started.status).toBe(202);
    const runId = started.json.id as string;
    const location = `${api.deps.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/api/v1/runs/${runId}/result`;
    expect(started.headers.location).toBe(location);
    expect(started.headers['retry-after']).toBe(String(api.deps.config.RUN_RESULT_RETRY_AFTER_SECONDS));

    const pending = await result(runId, viewer(tenant));
    expect(pending.status).toBe(202);
    expect(pending.headers.location).toBe(location);
    expect(Number(pending.headers['retry-after'])).toBeGreaterThan(0);
    expect(pending.json).toMatchObject({ id: runId, status: 'queued' });

    await runToEnd(await published(runId));
    const done = await result(runId, viewer(tenant));
    expect(done.status).toBe(200);
    expect(done.headers.location).toBeUndefined();
    expect(done.headers['retry-after']).toBeUndefined();
    expect(done.json).toMatchObject({ runId, reportId, status: 'succeeded', error: null });
    expect(done.json.rowCount).toBeGreaterThan(0);
    expect(done.json.artifacts.map((a: { format: string }) => a.format).sort()).toEqual(['csv', 'json']);
    for (const artifact of done.json.artifacts) {
      const download = await fetch(artifact.url);
      expect(download.status).toBe(200);
      expect((await download.arrayBuffer()).byteLength).toBe(artifact.bytes);
    }

    // Another tenant's run is not there at all.
    expect((await result(runId, viewer(api.tenant()))).status).toBe(404);
  });

  it('an unknown run → 404 in the error envelope', async () => {
    const missing = await result('run-does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
  });
});
