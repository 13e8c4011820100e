import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, testId } from '../../../test/support/run-deps';
import { dailySchedule } from '../../../test/support/schedule-records';
import type { ReportDefinition } from '../../contracts/report';
import type { ScheduleReportVersion } from '../../contracts/schedule';
import type { Principal } from '../auth/principal';
import { deleteReportVersion } from '../reports/delete-report-version';
import { recordReportVersion } from '../reports/report-versions';
import { admitExecutionRequest } from '../runs/admit-execution-request';
import { extractData } from './extract-data';
import { renderArtifact } from './render-artifact';
import { startRun } from './start-run';

// Real Azurite, DuckDB and Liquid.
const noOrchestrator = { exists: () => Promise.resolve(false), start: () => Promise.resolve() };
const alice: Principal = { tenantId: 'acme', userId: 'alice', roles: ['report_creator'] };
type Deps = ReturnType<typeof createTestRunDeps>;

/** Stores the report as saved and records its version, as a save through the API does. */
async function save(deps: Deps, report: ReportDefinition) {
  const stored = await deps.repos.reports.get('acme', report.id);
  if (stored) await deps.repos.reports.replace('acme', report, stored.etag);
  else await deps.repos.reports.insert('acme', report);
  return recordReportVersion(deps, alice, report);
}

/** Version 1: regions with a "V1" template; version 2: a different query and a "V2" template. */
async function twoVersions(deps: Deps) {
  const v1 = demoReport('acme', {
    outputs: [{ format: 'html' }, { format: 'csv' }],
    template: { body: 'V1 TEMPLATE{% for r in rows %}<p>{{ r.region }}</p>{% endfor %}' },
  });
  await save(deps, v1);
  const v2 = {
    ...v1,
    dataSource: { ...v1.dataSource, sql: "select 'only-in-v2' as label", parameters: [] },
    template: { body: 'V2 TEMPLATE{% for r in rows %}<p>{{ r.label }}</p>{% endfor %}' },
  };
  expect((await save(deps, v2)).number).toBe(2);
  return v1;
}

async function scheduleFor(deps: Deps, reportId: string, reportVersion: ScheduleReportVersion) {
  const schedule = dailySchedule({
    id: testId(),
    tenantId: 'acme',
    reportId,
    reportVersion,
    createdBy: 'alice',
  });
  await deps.repos.schedules.insert('acme', schedule);
  return schedule.id;
}

async function admit(deps: Deps, reportId: string, scheduleId: string | null) {
  const runId = testId();
  await admitExecutionRequest(
    { ...deps, orchestrations: noOrchestrator },
    {
      tenantId: 'acme',
      runId,
      reportId,
      scheduleId,
      trigger: scheduleId ? 'schedule' : 'manual',
      fireTime: null,
      parameters: {},
      requestedBy: 'alice',
    },
  );
  const ref = { tenantId: 'acme', runId };
  await startRun(deps, ref);
  return ref;
}

async function extract(deps: Deps, ref: { tenantId: string; runId: string }) {
  const extracted = await extractData(deps, ref);
  if (!extracted.ok) throw new Error(extracted.error.message);
  return extracted.stagedBlob;
}

/** Renders one format and returns the artifact's version and the file's text. */
async function render(
  deps: Deps,
  ref: { tenantId: string; runId: string },
  stagedBlob: string,
  format: 'html' | 'csv',
) {
  const rendered = await renderArtifact(deps, { ...ref, format, stagedBlob });
  if (!rendered.ok) throw new Error(rendered.error.message);
  const artifact = (await deps.repos.artifacts.get('acme', rendered.artifactId))!.doc;
  return {
    version: artifact.reportVersion,
    body: await text(await deps.blobs.openRead('acme', artifact.blobName)),
  };
}

describe('the report version of a run', () => {
  it('is recorded on the run when it reads its query, and on the artifacts it makes', async () => {
    const deps = createTestRunDeps({ demoRows: 50 });
    const report = await twoVersions(deps);
    const ref = await admit(deps, report.id, null);
    const staged = await extract(deps, ref);
    expect((await deps.repos.runs.get('acme', ref.runId))!.doc.reportVersion).toBe(2);
    const html = await render(deps, ref, staged, 'html');
    expect(html.version).toBe(2);
    expect(html.body).toContain('V2 TEMPLATE');
    expect(html.body).toContain('only-in-v2');
  });

  it("a schedule pinned to version 1 runs version 1's query and template while the report has moved on", async () => {
    const deps = createTestRunDeps({ demoRows: 50 });
    const report = await twoVersions(deps);
    const ref = await admit(deps, report.id, await scheduleFor(deps, report.id, 1));
    const staged = await extract(deps, ref);
    expect((await deps.repos.runs.get('acme', ref.runId))!.doc.reportVersion).toBe(1);

    const html = await render(deps, ref, staged, 'html');
    expect(html.version).toBe(1);
    expect(html.body).toContain('V1 TEMPLATE');
    expect(html.body).not.toContain('V2 TEMPLATE');
    const csv = await render(deps, ref, staged, 'csv');
    expect(csv.body.split('\n')[0]).toMatch(/^region,total,orders/);
    expect(csv.body).not.toContain('only-in-v2');
  });

  it('a schedule following latest runs each new save', async () => {
    const deps = createTestRunDeps({ demoRows: 20 });
    const report = await twoVersions(deps);
    const scheduleId = await scheduleFor(deps, report.id, 'latest');
    const first = await admit(deps, report.id, scheduleId);
    expect((await render(deps, first, await extract(deps, first), 'html')).body).toContain('V2 TEMPLATE');

    await save(deps, { ...report, template: { body: 'V3 TEMPLATE' } });
    const second = await admit(deps, report.id, scheduleId);
    const html = await render(deps, second, await extract(deps, second), 'html');
    expect(html).toMatchObject({ version: 3 });
    expect(html.body).toContain('V3 TEMPLATE');
  });

  it('a save between extract and render does not mix versions: render uses the version the run recorded', async () => {
    const deps = createTestRunDeps({ demoRows: 20 });
    const report = await twoVersions(deps);
    const ref = await admit(deps, report.id, null);
    const staged = await extract(deps, ref);
    await save(deps, { ...report, template: { body: 'V3 TEMPLATE' } });
    const html = await render(deps, ref, staged, 'html');
    expect(html.version).toBe(2);
    expect(html.body).toContain('V2 TEMPLATE');
  });

  it('a report saved before versions existed runs its current definition and records no version', async () => {
    const deps = createTestRunDeps({ demoRows: 20 });
    const report = demoReport('acme', { outputs: [{ format: 'html' }], template: { body: 'UNVERSIONED' } });
    await deps.repos.reports.insert('acme', report);
    const ref = await admit(deps, report.id, null);
    const html = await render(deps, ref, await extract(deps, ref), 'html');
    expect(html.version).toBeUndefined();
    expect(html.body).toContain('UNVERSIONED');
    expect((await deps.repos.runs.get('acme', ref.runId))!.doc.reportVersion).toBeUndefined();
  });

  it('a run and its artifacts keep the number of a version deleted afterwards', async () => {
    const deps = createTestRunDeps({ demoRows: 20 });
    const report = await twoVersions(deps);
    const ref = await admit(deps, report.id, null);
    const html = await render(deps, ref, await extract(deps, ref), 'html');
    await save(deps, { ...report, template: { body: 'V3 TEMPLATE' } });
    const owner: Principal = { tenantId: 'acme', userId: 'admin', roles: ['tenant_admin'] };
    await deleteReportVersion(deps, owner, report.id, 2);
    expect(await deps.repos.reportVersions.list('acme', { prefix: `${report.id}|`, limit: 5 })).toMatchObject(
      {
        items: [{ number: 3 }, { number: 1 }],
      },
    );
    expect((await deps.repos.runs.get('acme', ref.runId))!.doc.reportVersion).toBe(2);
    expect(html.version).toBe(2);
    const artifacts = await deps.repos.artifacts.list('acme', { limit: 5 });
    expect(artifacts.items.filter((a) => a.runId === ref.runId).map((a) => a.reportVersion)).toEqual([2]);
  });
});
