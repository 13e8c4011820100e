import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, testId } from '../../../test/support/run-deps';
import type { Principal } from '../auth/principal';
import { recordReportVersion } from '../reports/report-versions';
import { admitExecutionRequest } from '../runs/admit-execution-request';
import { extractData } from './extract-data';
import { renderArtifact } from './render-artifact';
import { startRun } from './start-run';

// Real Azurite and DuckDB.
const noOrchestrator = { exists: () => Promise.resolve(false), start: () => Promise.resolve() };
const alice: Principal = { tenantId: 'acme', userId: 'alice', roles: ['report_creator'] };

describe('the report version of a run', () => {
  it('is recorded on the run when it reads its query, and on the artifacts it makes', async () => {
    const deps = createTestRunDeps({ demoRows: 50 });
    const report = demoReport('acme', { outputs: [{ format: 'csv' }] });
    await deps.repos.reports.insert('acme', report);
    await recordReportVersion(deps, alice, report);
    const changed = { ...report, dataSource: { ...report.dataSource, sql: 'select region from sales' } };
    await deps.repos.reports.replace(
      'acme',
      changed,
      (await deps.repos.reports.get('acme', report.id))!.etag,
    );
    expect((await recordReportVersion(deps, alice, changed)).number).toBe(2);

    const runId = testId();
    await admitExecutionRequest(
      { ...deps, orchestrations: noOrchestrator },
      {
        tenantId: 'acme',
        runId,
        reportId: report.id,
        scheduleId: null,
        trigger: 'manual',
        fireTime: null,
        parameters: {},
        requestedBy: 'alice',
      },
    );
    const ref = { tenantId: 'acme', runId };
    await startRun(deps, ref);
    const extracted = await extractData(deps, ref);
    if (!extracted.ok) throw new Error(extracted.error.message);
    expect((await deps.repos.runs.get('acme', runId))!.doc.reportVersion).toBe(2);
    const rendered = await renderArtifact(deps, { ...ref, format: 'csv', stagedBlob: extracted.stagedBlob });
    if (!rendered.ok) throw new Error(rendered.error.message);
    expect((await deps.repos.artifacts.get('acme', rendered.artifactId))!.doc.reportVersion).toBe(2);
  });
});
