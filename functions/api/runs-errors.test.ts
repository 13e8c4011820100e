import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionRun } from '../../shared/contracts/run';
import { startApiFixture, type ApiFixture, viewer } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => import('./runs.js'));
});
afterAll(() => api.close());

// What an older version stored when a run's retries ran out: Durable's "<reason> \n <stack>".
const leaked =
  "Activity function 'extractData' failed: Could not reach the database \n AppError: Could not reach\n" +
  '    at sourceUnavailable (/srv/app/dist/shared/adapters/datasources/query-errors.js:22:72)';

describe('runs as the API shows them', () => {
  it('never show a stack or a server path, even of an error stored before messages were guarded', async () => {
    const tenant = api.tenant();
    const now = new Date().toISOString();
    const run: ExecutionRun = {
      id: 'r1',
      tenantId: tenant,
      reportId: 'rep1',
      scheduleId: null,
      trigger: 'manual',
      fireTime: null,
      status: 'failed',
      attempt: 1,
      parameters: {},
      steps: [],
      rowCount: null,
      bytes: null,
      workerId: null,
      error: { code: 'RETRIES_EXHAUSTED', message: leaked, suggestedFix: null },
      createdAt: now,
      startedAt: now,
      endedAt: now,
    };
    await api.deps.repos.runs.insert(tenant, run);
    const one = await api.call('getRun', {
      path: '/api/v1/runs/r1',
      params: { id: 'r1' },
      as: viewer(tenant),
    });
    const all = await api.call('listRuns', { path: '/api/v1/runs', as: viewer(tenant) });
    expect(one.json.error.message).toBe(
      "Activity function 'extractData' failed: Could not reach the database",
    );
    expect(all.json.items).toHaveLength(1);
    for (const res of [one, all]) {
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/\sat\s|\/srv\/|dist\//);
    }
  });
});
