import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport } from '../../../test/support/run-deps';
import { extractData } from '../pipeline/extract-data';
import { renderArtifact } from '../pipeline/render-artifact';
import { admitExecutionRequest } from '../runs/admit-execution-request';
import { startRun } from '../pipeline/start-run';
import { deleteExpiredArtifacts } from './delete-expired-artifacts';

describe('artifact retention', () => {
  it('deletes the file and the record once the tenant retention has passed, and nothing before', async () => {
    const clock = { now: new Date('2026-11-01T10:00:00Z') };
    const deps = { ...createTestRunDeps(), clock: () => clock.now };
    await deps.repos.tenants.insert('keep7', {
      id: 'keep7',
      name: 'Keep 7',
      tier: 'standard',
      timezone: 'UTC',
      retentionDays: 7,
      createdAt: clock.now.toISOString(),
    });
    const report = demoReport('keep7');
    await deps.repos.reports.insert('keep7', report);
    const runId = '0193b5a0-0000-7000-8000-000000000001';
    await admitExecutionRequest(
      { ...deps, orchestrations: { exists: () => Promise.resolve(false), start: () => Promise.resolve() } },
      {
        tenantId: 'keep7',
        runId,
        reportId: report.id,
        scheduleId: null,
        trigger: 'manual',
        fireTime: null,
        parameters: {},
        requestedBy: 'u',
      },
    );
    const ref = { tenantId: 'keep7', runId };
    await startRun(deps, ref);
    const extracted = await extractData(deps, ref);
    if (!extracted.ok) throw new Error('extract failed');
    const rendered = await renderArtifact(deps, { ...ref, format: 'csv', stagedBlob: extracted.stagedBlob });
    if (!rendered.ok) throw new Error('render failed');
    const artifact = (await deps.repos.artifacts.get('keep7', rendered.artifactId))!.doc;
    expect(artifact.expiresAt).toBe('2026-11-08T10:00:00.000Z');

    clock.now = new Date('2026-11-08T09:59:00Z');
    expect(await deleteExpiredArtifacts(deps)).toEqual({ deleted: 0 });
    clock.now = new Date('2026-11-08T10:00:01Z');
    expect(await deleteExpiredArtifacts(deps)).toEqual({ deleted: 1 });
    expect(await deps.repos.artifacts.get('keep7', rendered.artifactId)).toBeUndefined();
    await expect(deps.blobs.openRead('keep7', artifact.blobName)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await deleteExpiredArtifacts(deps)).toEqual({ deleted: 0 });
  });
});
