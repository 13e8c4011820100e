/* eslint-disable @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpiredArtifacts } from '../../shared/app/artifacts/delete-expired-artifacts';
import { expireRunRecords } from '../../shared/app/runs/expire-run-records';
import type { Artifact } from '../../shared/contracts/artifact';
import type { Tenant } from '../../shared/contracts/tenant';
import { errorEnvelopeSchema } from '../../shared/contracts/error-envelope';
import { succeededRun } from '../../test/support/run-records';
import { startApiFixture, type ApiFixture, viewer } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() =>
    Promise.all([import('./runs.js'), import('./run-result.js'), import('./artifacts.js')]),
  );
});
afterAll(() => api.close());

const DAY = 86_400_000;

describe('what the API answers for a run the retention pass removed', () => {
  it('the run and its result are 404; an expired artifact is 404; an artifact still kept is served', async () => {
    const tenantId = api.tenant();
    const now = new Date();
    const created = new Date(now.getTime() - 10 * DAY).toISOString();
    const tenant: Tenant = {
      id: tenantId,
      name: tenantId,
      tier: 'standard',
      timezone: 'UTC',
      retentionDays: 7,
      createdAt: created,
    };
    await api.deps.repos.tenants.insert(tenantId, tenant);
    const run = succeededRun({
      id: 'gone-run',
      tenantId,
      reportId: 'rep1',
      rowCount: 3,
      bytes: 3,
      createdAt: created,
      startedAt: created,
      endedAt: created,
    });
    await api.deps.repos.runs.insert(tenantId, run);
    const artifact = (id: string, expiresAt: Date): Artifact => ({
      id,
      tenantId,
      runId: run.id,
      reportId: run.reportId,
      format: 'csv',
      contentType: 'text/csv',
      bytes: 3,
      checksum: 'a'.repeat(64),
      blobName: `tenants/${tenantId}/${id}.csv`,
      fileName: `${id}.csv`,
      createdAt: created,
      expiresAt: expiresAt.toISOString(),
    });
    const expired = artifact('expired-file', new Date(now.getTime() - 3 * DAY));
    await api.deps.repos.artifacts.insert(tenantId, expired);
    // Made while the tenant kept 30 days: an artifact keeps the expiry it was given, and outlives its run.
    await api.deps.repos.artifacts.insert(
      tenantId,
      artifact('kept-file', new Date(now.getTime() + 20 * DAY)),
    );

    // The fixture's tables are shared with other test files: each pass sees this test's tenant only.
    const entry = { tenantId, artifactId: expired.id, expiresAt: expired.expiresAt };
    await deleteExpiredArtifacts({
      ...api.deps.runs,
      expiry: {
        add: () => Promise.resolve(),
        expiredBy: () => Promise.resolve([entry]),
        remove: () => Promise.resolve(),
      },
    });
    const { store } = api.deps.runRetention;
    const outcome = await expireRunRecords({
      ...api.deps.runRetention,
      directory: { list: () => Promise.resolve({ items: [tenant], nextCursor: null }) },
      store: { ...store, tenantsWithReports: () => Promise.resolve({ items: [], nextCursor: null }) },
    });
    expect(outcome).toMatchObject({ tenants: 1, runsRemoved: 1, failedTenants: [] });

    const as = viewer(tenantId);
    const notFound = async (name: string, path: string, params: Record<string, string>) => {
      const res = await api.call(name, { path, params, as });
      expect(res.status).toBe(404);
      expect(errorEnvelopeSchema.parse(res.json).error.code).toBe('NOT_FOUND');
      expect(res.text).not.toMatch(/\sat\s|stack/i);
    };
    await notFound('getRun', '/api/v1/runs/gone-run', { id: 'gone-run' });
    await notFound('getRunResult', '/api/v1/runs/gone-run/result', { id: 'gone-run' });
    // The run's artifact past its expiry, removed by artifact retention.
    await notFound('getArtifact', '/api/v1/artifacts/expired-file', { id: 'expired-file' });
    await notFound('downloadArtifact', '/api/v1/artifacts/expired-file/download', { id: 'expired-file' });

    const kept = await api.call('getArtifact', {
      path: '/api/v1/artifacts/kept-file',
      params: { id: 'kept-file' },
      as,
    });
    expect(kept.status).toBe(200);
    expect(kept.json.runId).toBe('gone-run');
    const listed = await api.call('listArtifacts', { path: '/api/v1/artifacts?runId=gone-run', as });
    expect(listed.json.items.map((a: { id: string }) => a.id)).toEqual(['kept-file']);
    const runs = await api.call('listRuns', { path: '/api/v1/runs', as });
    expect(runs.json.items).toEqual([]);
  });
});
