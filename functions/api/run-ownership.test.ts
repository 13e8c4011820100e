import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { admin, creator, startApiFixture, viewer, type ApiFixture, type Caller } from './testing/api-fixture';
import { createPrefixedQueueBus } from './testing/prefixed-queue-bus';

// Who may act on a report's runs: its owner or a tenant admin, as for run-now (ownership).
const { bus } = createPrefixedQueueBus();

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(
    () =>
      Promise.all([
        import('./reports.js'),
        import('./report-runs.js'),
        import('./runs.js'),
        import('./schedules.js'),
        import('./event-triggers.js'),
        import('./artifacts.js'),
      ]),
    { overrides: () => ({ bus }) },
  );
});
afterAll(() => api.close());

async function aliceReportAndRun(tenant: string): Promise<{ reportId: string; runId: string }> {
  const alice = creator(tenant, 'alice');
  const report = await api.call('createReport', {
    method: 'POST',
    path: '/api/v1/reports',
    as: alice,
    body: exampleReportRequest,
  });
  expect(report.status).toBe(201);
  const reportId = report.json.id as string;
  const run = await api.call('runReportNow', {
    method: 'POST',
    path: `/api/v1/reports/${reportId}/runs`,
    params: { id: reportId },
    as: alice,
  });
  expect(run.status).toBe(202);
  return { reportId, runId: run.json.id as string };
}

const onRun = (name: 'cancelRun' | 'retryRun', runId: string, as: Caller) =>
  api.call(name, {
    method: 'POST',
    path: `/api/v1/runs/${runId}/${name === 'cancelRun' ? 'cancel' : 'retry'}`,
    params: { id: runId },
    as,
  });

describe("another report creator's runs", () => {
  it('cancel and retry: 403 for another creator, allowed to the owner and a tenant admin', async () => {
    const tenant = api.tenant();
    const { runId } = await aliceReportAndRun(tenant);
    const bob = creator(tenant, 'bob');

    const bobCancels = await onRun('cancelRun', runId, bob);
    expect([bobCancels.status, bobCancels.json.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await onRun('cancelRun', runId, creator(tenant, 'alice'))).json.status).toBe('aborted');

    expect((await onRun('retryRun', runId, bob)).status).toBe(403);
    expect((await onRun('retryRun', runId, viewer(tenant))).status).toBe(403);
    const retried = await onRun('retryRun', runId, admin(tenant));
    expect(retried.status).toBe(202);
    expect((await onRun('cancelRun', retried.json.runId as string, bob)).status).toBe(403);
    expect((await onRun('cancelRun', retried.json.runId as string, admin(tenant))).status).toBe(200);
  });

  it('a schedule or an event trigger on a report: only its owner or a tenant admin', async () => {
    const tenant = api.tenant();
    const { reportId } = await aliceReportAndRun(tenant);
    const schedule = (as: Caller) =>
      api.call('createSchedule', {
        method: 'POST',
        path: '/api/v1/schedules',
        as,
        body: { reportId, cronExpr: '0 9 * * *' },
      });
    const trigger = (as: Caller) =>
      api.call('createEventTrigger', {
        method: 'POST',
        path: '/api/v1/event-triggers',
        as,
        body: { name: 'On upload', reportId },
      });
    const bob = creator(tenant, 'bob');
    const bobs = await schedule(bob);
    expect([bobs.status, bobs.json.error?.code]).toEqual([403, 'FORBIDDEN']);
    expect((await trigger(bob)).status).toBe(403);
    expect((await schedule(creator(tenant, 'alice'))).status).toBe(201);
    expect((await trigger(creator(tenant, 'alice'))).status).toBe(201);
    expect((await schedule(admin(tenant))).status).toBe(201);
    expect((await trigger(admin(tenant))).status).toBe(201);
  });
});

describe('POST /v1/artifacts/{id}/renew-url', () => {
  it('is refused to a viewer before anything is looked up or audited', async () => {
    const tenant = api.tenant();
    const renew = (as: Caller) =>
      api.call('renewArtifactUrl', {
        method: 'POST',
        path: '/api/v1/artifacts/0190aaaaaaaaaaaaaaaaaaaaaa/renew-url',
        params: { id: '0190aaaaaaaaaaaaaaaaaaaaaa' },
        as,
      });
    const asViewer = await renew(viewer(tenant));
    expect([asViewer.status, asViewer.json.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await renew(creator(tenant))).status).toBe(404);
  });
});
