import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import type { ExecutionRequested } from '../../shared/contracts/run-messages';
import { startApiFixture, type ApiFixture, admin, operator, viewer } from './testing/api-fixture';

// A suspended tenant: its API answers 403 TENANT_SUSPENDED, its scheduled fires are recorded as skipped;
// another tenant is untouched, and reactivating restores both.
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() =>
    Promise.all([import('./admin-tenants.js'), import('./tenant.js'), import('./runs.js')]),
  );
});
afterAll(() => api.close());

const setStatus = (id: string, status: 'active' | 'suspended') =>
  api.call('putAdminTenant', {
    method: 'PUT',
    path: `/api/v1/admin/tenants/${id}`,
    params: { id },
    as: operator(),
    body: { tier: 'standard', status },
  });

const fire = (tenantId: string, runId: string): ExecutionRequested => ({
  tenantId,
  runId,
  reportId: 'r1',
  scheduleId: 's1',
  trigger: 'schedule',
  fireTime: new Date(Date.now() - 1000).toISOString(),
  parameters: {},
  requestedBy: 'schedule:s1',
});

describe('a suspended tenant', () => {
  it('gets 403 TENANT_SUSPENDED on every endpoint; another tenant does not; reactivation restores it', async () => {
    const [t, other] = [api.tenant(), api.tenant()];
    expect((await setStatus(t, 'suspended')).json.status).toBe('suspended');
    for (const [name, path, as] of [
      ['getTenant', '/api/v1/tenant', admin(t)],
      ['listRuns', '/api/v1/runs', viewer(t)],
      ['getTenantUsage', '/api/v1/tenant/usage', viewer(t)],
    ] as const) {
      const res = await api.call(name, { path, as });
      expect(res.status, name).toBe(403);
      expect(res.json.error.code).toBe('TENANT_SUSPENDED');
    }
    expect((await api.call('listRuns', { path: '/api/v1/runs', as: viewer(other) })).status).toBe(200);
    await setStatus(t, 'active');
    expect((await api.call('listRuns', { path: '/api/v1/runs', as: viewer(t) })).status).toBe(200);
  });

  it("records its scheduled fires as skipped (TENANT_SUSPENDED) and starts nothing; another tenant's fire runs", async () => {
    const [t, other] = [api.tenant(), api.tenant()];
    await setStatus(t, 'suspended');
    const started: string[] = [];
    const deps = {
      repos: api.deps.repos,
      clock: api.deps.clock,
      profiles: api.deps.tenantProfiles,
      orchestrations: {
        exists: () => Promise.resolve(false),
        start: (_name: string, id: string) => (started.push(id), Promise.resolve()),
      },
    };
    expect(await admitExecutionRequest(deps, fire(t, 'fire-1'))).toBe('skipped');
    expect(await admitExecutionRequest(deps, fire(other, 'fire-2'))).toBe('started');
    expect(started).toEqual(['fire-2']);
    const run = await api.deps.repos.runs.get(t, 'fire-1');
    expect(run?.doc).toMatchObject({ status: 'skipped', error: { code: 'TENANT_SUSPENDED' } });
    expect(run?.doc.endedAt).toBeTruthy();
    // A redelivered message for the skipped fire does not start it either.
    expect(await admitExecutionRequest(deps, fire(t, 'fire-1'))).toBe('duplicate');
    expect(started).toEqual(['fire-2']);
  });
});
