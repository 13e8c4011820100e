import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiFixture,
  type ApiFixture,
  type Caller,
  admin,
  operator,
  viewer,
} from './testing/api-fixture';
import { legacyStoredSchedule } from '../../test/support/schedule-records';

// GET /api/v1/tenant/usage over Azurite: the quota counters the service enforces, as the tenant sees them.
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => Promise.all([import('./tenant.js'), import('./admin-tenants.js')]));
});
afterAll(() => api.close());

const usage = (as: Caller) => api.call('getTenantUsage', { path: '/api/v1/tenant/usage', as });
const quotaOf = (json: unknown, name: string) =>
  (json as { quotas: { quota: string }[] }).quotas.find((q) => q.quota === name);

async function addSchedules(tenantId: string, count: number) {
  for (let i = 0; i < count; i++)
    await api.deps.repos.schedules.insert(
      tenantId,
      legacyStoredSchedule({ id: `s${i}`, tenantId, reportId: 'r1' }) as never,
    );
}

describe('GET /api/v1/tenant/usage', () => {
  it('reports each quota with used, limit and resetsAt (next UTC midnight for the daily one)', async () => {
    const t = api.tenant();
    await addSchedules(t, 3);
    const now = new Date();
    for (let i = 0; i < 4; i++) await api.deps.quota.consume(t, now);
    const res = await usage(viewer(t));
    expect(res.status).toBe(200);
    expect(res.json.tier).toBe('standard');
    expect(quotaOf(res.json, 'schedules')).toEqual({
      quota: 'schedules',
      used: 3,
      limit: 50,
      resetsAt: null,
    });
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    expect(quotaOf(res.json, 'executionsPerDay')).toEqual({
      quota: 'executionsPerDay',
      used: 4,
      limit: 1000,
      resetsAt: midnight.toISOString(),
    });
  });

  it("follows the tenant's tier and overrides, and counts only the caller's tenant", async () => {
    const [t, other] = [api.tenant(), api.tenant()];
    await addSchedules(other, 2);
    await api.call('putAdminTenant', {
      method: 'PUT',
      path: `/api/v1/admin/tenants/${t}`,
      params: { id: t },
      as: operator(),
      body: { tier: 'enterprise', status: 'active', overrides: { executionsPerDay: 40 } },
    });
    const res = await usage(admin(t));
    expect(quotaOf(res.json, 'schedules')).toMatchObject({ used: 0, limit: null });
    expect(quotaOf(res.json, 'executionsPerDay')).toMatchObject({ used: 0, limit: 40 });
  });
});
