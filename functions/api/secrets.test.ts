import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLoopbackReceiver,
  type LoopbackReceiver,
} from '../../shared/adapters/channels/testing/loopback-receiver';
import { startApiFixture, type ApiFixture, type Caller, admin, creator, viewer } from './testing/api-fixture';

// The secrets API and the resources that reference secrets, over Azurite; a loopback HTTP server plays a
// tenant's REST API, allowlisted as OUTBOUND_ALLOWLIST would.
let api: ApiFixture;
let restApi: LoopbackReceiver;
beforeAll(async () => {
  restApi = await startLoopbackReceiver((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]'),
  );
  api = await startApiFixture(
    () =>
      Promise.all([
        import('./secrets.js'),
        import('./data-sources.js'),
        import('./delivery-targets.js'),
        import('./audit-events.js'),
        import('./openapi.js'),
      ]),
    { settings: { OUTBOUND_ALLOWLIST: restApi.hostPort } },
  );
});
afterAll(async () => {
  await api.close();
  await restApi.close();
});

const secretPath = (name: string) => `/api/v1/secrets/${name}`;
const put = (as: Caller, name: string, value: unknown) =>
  api.call('putSecret', { method: 'PUT', path: secretPath(name), params: { name }, as, body: { value } });
const get = (as: Caller, name: string) =>
  api.call('getSecret', { path: secretPath(name), params: { name }, as });
const remove = (as: Caller, name: string) =>
  api.call('deleteSecret', { method: 'DELETE', path: secretPath(name), params: { name }, as });
const list = (as: Caller) => api.call('listSecrets', { path: '/api/v1/secrets', as });

const restSource = (secretRef: string) => ({
  type: 'rest',
  name: 'Orders API',
  config: { url: `${restApi.base}/orders`, auth: { secretRef } },
});
const webhook = (config: Record<string, string>) => ({
  type: 'webhook',
  name: 'Intake',
  config: { url: 'https://hooks.example.com/in', secretRef: 'secret:intake-key', ...config },
});
/** The error without what differs on every call (request id, time). */
const errorOf = (res: { json: { error: Record<string, unknown> } }) => {
  const { requestId: _r, timestamp: _t, ...rest } = res.json.error;
  return rest;
};

describe('/v1/secrets', () => {
  it('creates, rotates, lists and deletes a secret without ever returning or auditing its value', async () => {
    const tenant = api.tenant();
    const value = `tok-${Math.random().toString(36).slice(2)}-value`;
    const created = await put(admin(tenant), 'Orders-Token', value);
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ name: 'orders-token', updatedAt: expect.any(String), source: 'api' });
    expect(created.headers.location).toBe('/api/v1/secrets/orders-token');
    const rotated = await put(admin(tenant), 'orders-token', `${value}-2`);
    expect(rotated.status).toBe(200);

    const listed = await list(admin(tenant));
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({
      items: [{ name: 'orders-token', updatedAt: rotated.json.updatedAt, source: 'api' }],
      nextCursor: null,
    });
    const one = await get(admin(tenant), 'orders-token');
    expect(one.json).toEqual(rotated.json);
    expect((await list(admin(api.tenant()))).json.items).toEqual([]);
    expect((await get(admin(api.tenant()), 'orders-token')).status).toBe(404);

    expect((await remove(admin(tenant), 'orders-token')).status).toBe(204);
    expect((await get(admin(tenant), 'orders-token')).status).toBe(404);
    expect((await remove(admin(tenant), 'orders-token')).status).toBe(404);

    const audit = await api.call('listAuditEvents', { path: '/api/v1/audit-events', as: admin(tenant) });
    const actions = (audit.json.items as { action: string; entityId: string }[])
      .filter((e) => e.action.startsWith('tenant_secret.'))
      .map((e) => [e.action, e.entityId]);
    expect(actions.sort()).toEqual([
      ['tenant_secret.created', 'orders-token'],
      ['tenant_secret.deleted', 'orders-token'],
      ['tenant_secret.rotated', 'orders-token'],
    ]);
    for (const text of [created.text, rotated.text, listed.text, one.text, audit.text])
      expect(text).not.toContain(value);
  });

  it('is for tenant admins only', async () => {
    const tenant = api.tenant();
    await put(admin(tenant), 'hook-key', 'v');
    for (const caller of [viewer(tenant), creator(tenant)]) {
      expect((await put(caller, 'hook-key', 'other')).status).toBe(403);
      expect((await get(caller, 'hook-key')).status).toBe(403);
      expect((await list(caller)).status).toBe(403);
      expect((await remove(caller, 'hook-key')).status).toBe(403);
    }
    expect((await get(admin(tenant), 'hook-key')).json.updatedAt).toBeTruthy();
  });

  it('validates the name and bounds the value', async () => {
    const tenant = api.tenant();
    for (const name of ['has_underscore', 'a--b', '-lead', 'x'.repeat(64), 't-0123456789abcdef-x']) {
      const res = await put(admin(tenant), name, 'v');
      expect(res.status, name).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_ERROR');
    }
    expect((await put(admin(tenant), 'big', 'x'.repeat(8 * 1024 + 1))).status).toBe(400);
    expect((await put(admin(tenant), 'empty', '')).status).toBe(400);
    expect((await put(admin(tenant), 'ok', 'x'.repeat(8 * 1024))).status).toBe(201);
    const extra = await api.call('putSecret', {
      method: 'PUT',
      path: secretPath('ok'),
      params: { name: 'ok' },
      as: admin(tenant),
      body: { value: 'v', note: 'x' },
    });
    expect(extra.status).toBe(400);
  });
  it('is documented in OpenAPI, the value as write-only input', async () => {
    const doc = (await api.call('openApiJson', { path: '/api/v1/openapi.json' })).json;
    const paths = Object.keys(doc.paths as object);
    const item = paths.find((p) => /\/v1\/secrets\/\{name\}$/.test(p))!;
    expect(Object.keys(doc.paths[item] as object).sort()).toEqual(['delete', 'get', 'put']);
    expect(paths.some((p) => /\/v1\/secrets$/.test(p))).toBe(true);
    expect(JSON.stringify(doc.components.schemas.SecretMetadata)).not.toContain('value');
    expect(doc.components.schemas.PutSecretRequest.properties.value).toMatchObject({ writeOnly: true });
  });
});

describe('secret references', () => {
  it('refuses a reference outside the tenant at save time, the same way whether or not it exists', async () => {
    const tenant = api.tenant();
    const answers: unknown[] = [];
    // SMTP_URL / HOME / PATH are settings of the service (PATH is set in every process); the last is no setting.
    for (const ref of ['env:SMTP_URL', 'env:HOME', 'env:PATH', 'env:NO_SUCH_SETTING_HERE']) {
      const source = await api.call('createDataSource', {
        method: 'POST',
        path: '/api/v1/data-sources',
        as: admin(tenant),
        body: restSource(ref),
      });
      expect(source.status, ref).toBe(400);
      expect(source.json.error).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: { field: 'config.auth.secretRef' },
      });
      const target = await api.call('createDeliveryTarget', {
        method: 'POST',
        path: '/api/v1/delivery-targets',
        as: admin(tenant),
        body: webhook({ previousSecretRef: ref }),
      });
      expect(target.status, ref).toBe(400);
      expect(target.json.error.details).toMatchObject({ field: 'config.previousSecretRef' });
      answers.push([errorOf(source), errorOf(target)]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);

    for (const ref of [
      'keyvault:t-0123456789abcdef-db',
      'secret:../other/db',
      'secret:a/b',
      'secret:',
      'env:',
    ]) {
      const res = await api.call('createDeliveryTarget', {
        method: 'POST',
        path: '/api/v1/delivery-targets',
        as: admin(tenant),
        body: webhook({ secretRef: ref }),
      });
      expect(res.status, ref).toBe(400);
      expect(res.json.error.details, ref).toMatchObject({ field: 'config.secretRef' });
    }
  });

  it("sends a secret created through the API as a REST data source's credential header", async () => {
    const tenant = api.tenant();
    const value = `api-token-${Math.random().toString(36).slice(2)}`;
    const source = await api.call('createDataSource', {
      method: 'POST',
      path: '/api/v1/data-sources',
      as: admin(tenant),
      body: restSource('secret:orders-api'),
    });
    expect(source.status).toBe(201);
    const id = source.json.id as string;
    const test = () =>
      api.call('testDataSource', {
        method: 'POST',
        path: `/api/v1/data-sources/${id}/test`,
        params: { id },
        as: admin(tenant),
      });

    const before = await test();
    expect(before.json).toMatchObject({
      ok: false,
      error: { code: 'SECRET_NOT_FOUND', message: 'The secret "orders-api" is not set for this tenant' },
    });
    await put(admin(tenant), 'orders-api', value);
    restApi.received.length = 0;
    expect((await test()).json).toMatchObject({ ok: true });
    expect(restApi.received.map((r) => r.headers.authorization)).toEqual([`Bearer ${value}`]);
    expect(
      (
        await api.call('getDataSource', {
          path: `/api/v1/data-sources/${id}`,
          params: { id },
          as: admin(tenant),
        })
      ).text,
    ).not.toContain(value);

    // Another tenant's definition naming the same secret name reads its own namespace, where it is not set.
    const other = api.tenant();
    const theirs = await api.call('createDataSource', {
      method: 'POST',
      path: '/api/v1/data-sources',
      as: admin(other),
      body: restSource('secret:orders-api'),
    });
    const theirId = theirs.json.id as string;
    restApi.received.length = 0;
    const crossed = await api.call('testDataSource', {
      method: 'POST',
      path: `/api/v1/data-sources/${theirId}/test`,
      params: { id: theirId },
      as: admin(other),
    });
    expect(crossed.json).toMatchObject({ ok: false, error: { code: 'SECRET_NOT_FOUND' } });
    expect(restApi.received).toHaveLength(0);
  });
});
