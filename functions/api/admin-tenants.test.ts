import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, type ApiFixture, type Caller, admin, operator } from './testing/api-fixture';

// The platform operator's endpoints over Azurite: only `platform_admin`, never implied by a tenant role.
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => Promise.all([import('./admin-tenants.js'), import('./tenant.js')]));
});
afterAll(() => api.close());

const path = (id: string) => `/api/v1/admin/tenants/${id}`;
const getPlan = (as: Caller, id: string) =>
  api.call('getAdminTenant', { path: path(id), params: { id }, as });
const putPlan = (as: Caller, id: string, body: unknown, ifMatch?: string) =>
  api.call('putAdminTenant', {
    method: 'PUT',
    path: path(id),
    params: { id },
    as,
    body,
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });

describe('/api/v1/admin/tenants', () => {
  it('refuses every tenant role, the tenant admin included', async () => {
    const t = api.tenant();
    const res = await getPlan(admin(t), t);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN');
    expect((await putPlan(admin(t), t, { tier: 'enterprise', status: 'active' })).status).toBe(403);
    expect(
      (await putPlan({ tenantId: t, roles: ['tenant_admin', 'report_creator', 'viewer'] }, t, {})).status,
    ).toBe(403);
    expect((await api.call('listAdminTenants', { path: '/api/v1/admin/tenants', as: admin(t) })).status).toBe(
      403,
    );
  });

  it('sets tier, status and Enterprise overrides; the tenant sees the resulting limits', async () => {
    const t = api.tenant();
    const first = await getPlan(operator(), t);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ id: t, tier: 'standard', status: 'active', overrides: {} });
    const put = await putPlan(
      operator(),
      t,
      {
        tier: 'enterprise',
        status: 'active',
        overrides: { maxConcurrentExecutions: 7, executionsPerDay: 123 },
      },
      first.headers.etag,
    );
    expect(put.status).toBe(200);
    expect(put.json.limits).toMatchObject({
      maxConcurrentExecutions: 7,
      executionsPerDay: 123,
      schedules: null,
    });
    expect(
      (await putPlan(operator(), t, { tier: 'premium', status: 'active' }, first.headers.etag)).status,
    ).toBe(412);
    const own = await api.call('getTenant', { path: '/api/v1/tenant', as: admin(t) });
    expect(own.json).toMatchObject({ tier: 'enterprise', limits: { maxConcurrentExecutions: 7 } });
  });

  it('does not apply overrides to a Standard or Premium tenant', async () => {
    const t = api.tenant();
    const res = await putPlan(operator(), t, {
      tier: 'premium',
      status: 'active',
      overrides: { maxConcurrentExecutions: 999 },
    });
    expect(res.json.limits.maxConcurrentExecutions).toBe(20);
    expect(res.json.overrides).toEqual({ maxConcurrentExecutions: 999 });
  });

  it('refuses bad bodies and ids with 400', async () => {
    const t = api.tenant();
    for (const body of [{ tier: 'gold', status: 'active' }, { tier: 'standard', status: 'gone' }, {}])
      expect((await putPlan(operator(), t, body)).json.error.code).toBe('VALIDATION_ERROR');
    const bad = await getPlan(operator(), 'bad id!');
    expect(bad.status).toBe(400);
  });

  it('lists tenants across partitions with a cursor', async () => {
    const ids = [api.tenant('list'), api.tenant('list')];
    for (const id of ids) await getPlan(operator(), id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
      const res = await api.call('listAdminTenants', {
        path: `/api/v1/admin/tenants${query}`,
        as: operator(),
      });
      expect(res.status).toBe(200);
      seen.push(...(res.json.items as { id: string }[]).map((i) => i.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(ids));
    const one = await api.call('listAdminTenants', { path: '/api/v1/admin/tenants?limit=1', as: operator() });
    expect(one.json.items).toHaveLength(1);
    const next = `/api/v1/admin/tenants?limit=1&cursor=${encodeURIComponent(one.json.nextCursor as string)}`;
    const second = await api.call('listAdminTenants', { path: next, as: operator() });
    expect(second.json.items[0].id).not.toBe(one.json.items[0].id);
    const bad = await api.call('listAdminTenants', {
      path: '/api/v1/admin/tenants?cursor=zzz',
      as: operator(),
    });
    expect(bad.status).toBe(400);
  });
});
