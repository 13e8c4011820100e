import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, testId } from '../../../test/support/run-deps';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { AppError } from '../../domain/errors';
import { extractData } from './extract-data';
import { finishRun } from './finish-run';
import { renderArtifact } from './render-artifact';
import { admitExecutionRequest } from '../runs/admit-execution-request';
import type { OrchestrationStarter } from '../../ports/orchestration-starter';
import { startRun } from './start-run';
import { cancelRun } from '../runs/cancel-run';
import { retryRun } from '../runs/retry-run';

/** Durable is exercised end to end elsewhere; here a recording starter stands in for its client. */
function recordingStarter(): OrchestrationStarter & { started: string[] } {
  const started: string[] = [];
  return {
    started,
    exists: (id) => Promise.resolve(started.includes(id)),
    start: (_name, id) => {
      started.push(id);
      return Promise.resolve();
    },
  };
}

const request = (tenantId: string, reportId: string, parameters = {}): ExecutionRequested => ({
  tenantId,
  runId: testId(),
  reportId,
  scheduleId: null,
  trigger: 'manual',
  fireTime: null,
  parameters,
  requestedBy: 'user-1',
});

describe('run pipeline on Azurite and DuckDB', () => {
  it('turns a duplicate ExecutionRequested into one run and one orchestration', async () => {
    const deps = createTestRunDeps();
    const orchestrations = recordingStarter();
    const message = request('acme', testId());
    expect(await admitExecutionRequest({ ...deps, orchestrations }, message)).toBe('started');
    expect(await admitExecutionRequest({ ...deps, orchestrations }, message)).toBe('duplicate');
    expect(orchestrations.started).toEqual([message.runId]);
    expect((await deps.repos.runs.list('acme', { limit: 10 })).items).toHaveLength(1);
  });

  it('extracts, renders a CSV equal to the query result, and records an artifact with the right checksum', async () => {
    const deps = createTestRunDeps();
    const report = demoReport('acme', { outputs: [{ format: 'csv' }, { format: 'json' }] });
    await deps.repos.reports.insert('acme', report);
    const message = request('acme', report.id, { minQty: 5 });
    await admitExecutionRequest({ ...deps, orchestrations: recordingStarter() }, message);
    const ref = { tenantId: 'acme', runId: message.runId };

    expect(await startRun(deps, ref)).toEqual({ ok: true, formats: ['csv', 'json'] });
    const extracted = await extractData(deps, ref);
    if (!extracted.ok) throw new Error(extracted.error.message);
    expect(extracted.rowCount).toBe(5);
    const rendered = await renderArtifact(deps, { ...ref, format: 'csv', stagedBlob: extracted.stagedBlob });
    if (!rendered.ok) throw new Error(rendered.error.message);
    await finishRun(deps, { ...ref, status: 'succeeded', error: null });

    const artifact = (await deps.repos.artifacts.get('acme', rendered.artifactId))!.doc;
    const bytes = await buffer(await deps.blobs.openRead('acme', artifact.blobName));
    expect(artifact.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(artifact.bytes).toBe(bytes.length);
    expect(artifact.blobName).toMatch(
      new RegExp(`^tenants/acme/reports/${report.id}/\\d{4}/\\d{2}/${message.runId}/sales-by-region-`),
    );

    const source = await deps.dataSources.resolve('acme', 'demo');
    const expected: Record<string, unknown>[] = [];
    const result = await source.query({
      sql: report.dataSource.sql,
      params: { minQty: 5 },
      timeoutMs: 5000,
      maxRows: 100,
    });
    for await (const batch of result.batches) expected.push(...batch);
    const parsed = parse<Record<string, string>>(bytes, { columns: true });
    expect(parsed.map((r) => [r.region, Number(r.total), Number(r.orders)])).toEqual(
      expected.map((r) => [r.region, Number(r.total), Number(r.orders)]),
    );

    const run = (await deps.repos.runs.get('acme', message.runId))!.doc;
    expect(run.status).toBe('succeeded');
    expect(run.rowCount).toBe(5);
    expect(run.steps.map((s) => [s.name, s.status])).toEqual([
      ['extract', 'succeeded'],
      ['render:csv', 'succeeded'],
    ]);
    expect(run.workerId).toBe('test-worker');
  });

  it('retrying a render finds the same artifact instead of adding one', async () => {
    const deps = createTestRunDeps();
    const report = demoReport('acme');
    await deps.repos.reports.insert('acme', report);
    const message = request('acme', report.id);
    await admitExecutionRequest({ ...deps, orchestrations: recordingStarter() }, message);
    const ref = { tenantId: 'acme', runId: message.runId };
    await startRun(deps, ref);
    const extracted = await extractData(deps, ref);
    if (!extracted.ok) throw new Error('extract failed');
    const first = await renderArtifact(deps, { ...ref, format: 'csv', stagedBlob: extracted.stagedBlob });
    const second = await renderArtifact(deps, { ...ref, format: 'csv', stagedBlob: extracted.stagedBlob });
    expect(first).toEqual(second);
    expect(
      (await deps.repos.artifacts.list('acme', { index: 'byRun', prefix: `${message.runId}|`, limit: 10 }))
        .items,
    ).toHaveLength(1);
  });

  it('reports bad SQL as a permanent failure with a code and a suggested fix, and the run records it', async () => {
    const deps = createTestRunDeps();
    const report = demoReport('acme', {
      dataSource: { connectionId: 'demo', sql: 'select nope from sales', parameters: [] },
    });
    await deps.repos.reports.insert('acme', report);
    const message = request('acme', report.id);
    await admitExecutionRequest({ ...deps, orchestrations: recordingStarter() }, message);
    const ref = { tenantId: 'acme', runId: message.runId };
    await startRun(deps, ref);
    const extracted = await extractData(deps, ref);
    expect(extracted).toMatchObject({ ok: false, error: { code: 'QUERY_FAILED' } });
    if (extracted.ok) return;
    expect(extracted.error.suggestedFix).toBeTruthy();
    await finishRun(deps, { ...ref, status: 'failed', error: extracted.error });
    await finishRun(deps, { ...ref, status: 'succeeded', error: null });
    const run = (await deps.repos.runs.get('acme', message.runId))!.doc;
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('QUERY_FAILED');
  });
});

describe('cancel and retry', () => {
  it('a cancelled run stops at the next activity and keeps its aborted outcome', async () => {
    const deps = createTestRunDeps();
    const report = demoReport('acme');
    await deps.repos.reports.insert('acme', report);
    const message = request('acme', report.id);
    await admitExecutionRequest({ ...deps, orchestrations: recordingStarter() }, message);
    const ref = { tenantId: 'acme', runId: message.runId };
    await startRun(deps, ref);
    await cancelRun(deps, { tenantId: 'acme', userId: 'u1', roles: ['tenant_admin'] }, message.runId);
    expect(await extractData(deps, ref)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await finishRun(deps, {
      ...ref,
      status: 'failed',
      error: { code: 'CANCELLED', message: 'x', suggestedFix: null },
    });
    expect((await deps.repos.runs.get('acme', message.runId))?.doc.status).toBe('aborted');
    await expect(
      cancelRun(deps, { tenantId: 'acme', userId: 'u1', roles: ['tenant_admin'] }, message.runId),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('retrying the same failed run twice requests one new attempt', async () => {
    const deps = createTestRunDeps();
    const report = demoReport('acme');
    await deps.repos.reports.insert('acme', report);
    const message = request('acme', report.id, { minQty: 3 });
    await admitExecutionRequest({ ...deps, orchestrations: recordingStarter() }, message);
    await finishRun(deps, { tenantId: 'acme', runId: message.runId, status: 'failed', error: null });
    const published: ExecutionRequested[] = [];
    const bus = {
      ping: () => Promise.resolve(),
      publish: (_q: string, m: { body: unknown }) => (
        published.push(m.body as ExecutionRequested),
        Promise.resolve()
      ),
    };
    const quota = { consume: () => Promise.resolve() };
    const runNow = { ...deps, bus, quota };
    const first = await retryRun(
      runNow,
      { tenantId: 'acme', userId: 'u1', roles: ['tenant_admin'] },
      message.runId,
    );
    await admitExecutionRequest({ ...deps, orchestrations: recordingStarter() }, published[0]!);
    const second = await retryRun(
      runNow,
      { tenantId: 'acme', userId: 'u1', roles: ['tenant_admin'] },
      message.runId,
    );
    expect(second).toEqual({ ...first, replayed: true });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      trigger: 'retry',
      attempt: 2,
      parameters: { minQty: 3 },
      reportId: report.id,
    });
    expect((await deps.repos.runs.get('acme', first.runId))?.doc.attempt).toBe(2);
    await expect(
      retryRun(runNow, { tenantId: 'acme', userId: 'u1', roles: ['tenant_admin'] }, first.runId),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('daily execution quota', () => {
  it('a scheduled fire over the quota is recorded as a failed run and starts nothing', async () => {
    const deps = createTestRunDeps();
    const orchestrations = recordingStarter();
    const refuse = {
      consume: () =>
        Promise.reject(new AppError('QUOTA_EXCEEDED', 'Daily executions used up', { limit: 1000 })),
    };
    const message = {
      ...request('acme', testId()),
      trigger: 'schedule' as const,
      fireTime: '2026-11-28T10:00:00.000Z',
    };
    expect(await admitExecutionRequest({ ...deps, orchestrations, quota: refuse }, message)).toBe(
      'over-quota',
    );
    expect(orchestrations.started).toEqual([]);
    const run = (await deps.repos.runs.get('acme', message.runId))!.doc;
    expect(run).toMatchObject({ status: 'failed', error: { code: 'QUOTA_EXCEEDED' } });
  });
});
