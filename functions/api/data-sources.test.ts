import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byIdOf,
  startApiFixture,
  type ApiFixture,
  type Caller,
  admin,
  creator,
  viewer,
} from './testing/api-fixture';

// The API over Azurite; `test` connects to the PostgreSQL on this machine, allowlisted as OUTBOUND_ALLOWLIST would.
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => import('./data-sources.js'), {
    settings: { OUTBOUND_ALLOWLIST: '127.0.0.1:5432,127.0.0.1:1' },
  });
});
afterAll(() => api.close());

const localPg = (config: Record<string, unknown> = {}) => ({
  type: 'postgres',
  name: 'Local PostgreSQL',
  config: { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', ssl: 'disable', ...config },
});
const create = (as: Caller, body: unknown) =>
  api.call('createDataSource', { method: 'POST', path: '/api/v1/data-sources', as, body });
const byId = byIdOf(() => api, 'data-sources');
const test = (id: string, as: Caller) =>
  api.call('testDataSource', { method: 'POST', path: `/api/v1/data-sources/${id}/test`, params: { id }, as });

describe('data sources API', () => {
  it('lets a tenant admin create one that every role reads, with defaults and secret references only', async () => {
    const tenant = api.tenant();
    const res = await create(admin(tenant), localPg({ passwordRef: 'secret:pg-password' }));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      tenantId: tenant,
      type: 'postgres',
      createdBy: 'admin',
      description: '',
      config: {
        host: '127.0.0.1',
        passwordRef: 'secret:pg-password',
        statementTimeoutMs: 60_000,
        maxConnections: 5,
      },
    });
    expect(res.headers.location).toBe(`/api/v1/data-sources/${res.json.id as string}`);
    for (const reader of [viewer(tenant), creator(tenant)]) {
      const got = await byId('getDataSource', 'GET', res.json.id as string, reader);
      expect(got.status).toBe(200);
      expect(got.json).toEqual(res.json);
    }
    const list = await api.call('listDataSources', { path: '/api/v1/data-sources', as: viewer(tenant) });
    expect((list.json.items as { id: string }[]).map((d) => d.id)).toEqual([res.json.id as string]);
  });

  it('never stores nor echoes a raw secret', async () => {
    const tenant = api.tenant();
    const secret = 'Sup3r-s3cret-passw0rd-value!';
    for (const body of [
      localPg({ passwordRef: secret }),
      localPg({ password: secret }),
      { ...localPg(), config: { ...localPg().config, passwordRef: `env:${secret}` } },
      {
        type: 'rest',
        name: 'api',
        config: { url: 'https://api.example.com/', auth: { secretRef: `Bearer ${secret}` } },
      },
      { type: 'rest', name: 'api', config: { url: `https://user:${secret}@api.example.com/` } },
    ]) {
      const res = await create(admin(tenant), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.text).not.toContain(secret);
    }
    const list = await api.call('listDataSources', { path: '/api/v1/data-sources', as: admin(tenant) });
    expect(list.json.items).toEqual([]);
  });

  it('refuses hosts and URLs the SSRF guard would never reach, naming the field', async () => {
    const tenant = api.tenant();
    const metadata = await create(admin(tenant), localPg({ host: '169.254.169.254' }));
    expect(metadata.status).toBe(400);
    expect(metadata.json.error).toMatchObject({
      code: 'OUTBOUND_BLOCKED',
      details: { field: 'config.host', reason: 'internal_address' },
    });
    const decimal = await create(admin(tenant), localPg({ host: '2130706433', port: 5433 }));
    expect(decimal.json.error.code).toBe('OUTBOUND_BLOCKED');
    const plain = await create(admin(tenant), {
      type: 'rest',
      name: 'api',
      config: { url: 'http://api.example.com/' },
    });
    expect(plain.json.error).toMatchObject({
      code: 'OUTBOUND_BLOCKED',
      details: { field: 'config.url', reason: 'scheme' },
    });
    const noTls = await create(admin(tenant), localPg({ host: 'db.example.com' }));
    expect(noTls.json.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'config.ssl' } });
  });

  it('lets only tenant admins mutate', async () => {
    const tenant = api.tenant();
    const made = await create(admin(tenant), localPg());
    for (const who of [viewer(tenant), creator(tenant)]) {
      expect((await create(who, localPg())).status).toBe(403);
      expect(
        (await byId('updateDataSource', 'PUT', made.json.id as string, who, { body: localPg() })).status,
      ).toBe(403);
      expect((await byId('deleteDataSource', 'DELETE', made.json.id as string, who)).status).toBe(403);
    }
    expect((await test(made.json.id as string, viewer(tenant))).status).toBe(403);
  });

  it('answers 404 for another tenant’s data source, whatever the verb', async () => {
    const owner = api.tenant();
    const made = await create(admin(owner), localPg());
    const stranger = admin(api.tenant());
    expect((await byId('getDataSource', 'GET', made.json.id as string, stranger)).status).toBe(404);
    expect(
      (await byId('updateDataSource', 'PUT', made.json.id as string, stranger, { body: localPg() })).status,
    ).toBe(404);
    expect((await byId('deleteDataSource', 'DELETE', made.json.id as string, stranger)).status).toBe(404);
    expect((await test(made.json.id as string, stranger)).status).toBe(404);
    expect((await byId('getDataSource', 'GET', made.json.id as string, viewer(owner))).status).toBe(200);
  });

  it('tests the connection against PostgreSQL: ok with latency, or a clear error', async () => {
    const tenant = api.tenant();
    const ok = await create(admin(tenant), localPg());
    const res = await test(ok.json.id as string, creator(tenant));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, latencyMs: expect.any(Number) });

    const refused = await create(admin(tenant), localPg({ port: 1 }));
    expect((await test(refused.json.id as string, admin(tenant))).json).toMatchObject({
      ok: false,
      error: { code: 'DATA_SOURCE_UNAVAILABLE', retryable: true },
    });
    const missingSecret = await create(
      admin(tenant),
      localPg({ passwordRef: 'secret:reports-pg-password-unset' }),
    );
    expect((await test(missingSecret.json.id as string, admin(tenant))).json).toMatchObject({
      ok: false,
      error: {
        code: 'SECRET_NOT_FOUND',
        message: expect.stringContaining('reports-pg-password-unset'),
        retryable: false,
      },
    });
    const noDb = await create(admin(tenant), localPg({ database: 'no_such_database_here' }));
    expect((await test(noDb.json.id as string, admin(tenant))).json).toMatchObject({
      ok: false,
      error: { retryable: false },
    });
  });

  it('updates with If-Match, refuses to delete while a report uses it, and audits every change', async () => {
    const tenant = api.tenant();
    const made = await create(admin(tenant), localPg());
    const id = made.json.id as string;
    const stale = await byId('updateDataSource', 'PUT', id, admin(tenant), {
      body: localPg(),
      headers: { 'if-match': '"nope"' },
    });
    expect(stale.status).toBe(412);
    const updated = await byId('updateDataSource', 'PUT', id, admin(tenant), {
      body: { ...localPg({ maxConnections: 2 }), name: 'Renamed' },
      headers: { 'if-match': made.headers.etag! },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      name: 'Renamed',
      createdAt: made.json.createdAt,
      config: { maxConnections: 2 },
    });

    const now = new Date().toISOString();
    await api.deps.repos.reports.insert(tenant, {
      id: 'r1',
      tenantId: tenant,
      name: 'Uses it',
      description: '',
      dataSource: { connectionId: id, sql: 'select 1', parameters: [] },
      outputs: [{ format: 'csv' }],
      active: true,
      createdBy: 'admin',
      createdAt: now,
      updatedAt: now,
    });
    const inUse = await byId('deleteDataSource', 'DELETE', id, admin(tenant));
    expect(inUse.status).toBe(409);
    expect(inUse.json.error.details.reports).toEqual(['r1']);
    await api.deps.repos.reports.remove(tenant, 'r1');
    expect((await byId('deleteDataSource', 'DELETE', id, admin(tenant))).status).toBe(204);
    expect((await byId('getDataSource', 'GET', id, admin(tenant))).status).toBe(404);

    const events = await api.deps.repos.audit.list(tenant, { entityType: 'data_source', limit: 50 });
    expect(events.items.map((e) => e.action)).toEqual([
      'data_source.created',
      'data_source.updated',
      'data_source.deleted',
    ]);
    expect(events.items.every((e) => e.actorId === 'admin' && e.entityId === id)).toBe(true);
  });
});
