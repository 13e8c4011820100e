/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectionString } from '../../test/support/storage';
import { startApiFixture, type ApiFixture, type Caller, admin, creator, viewer } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => Promise.all([import('./subscriptions.js'), import('./openapi.js')]), {
    settings: { OUTBOUND_ALLOWLIST: '127.0.0.1:9000' },
  });
});
afterAll(() => api.close());

/** A Logic Apps / Power Automate callback URL: its `sig` is the credential that starts the flow. */
const callbackUrl =
  'https://prod-03.westus.logic.azure.com:443/workflows/c4ed9335/triggers/manual/paths/invoke' +
  '?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=SECRETSIGVALUE123';
const body = { url: callbackUrl, events: ['run.succeeded', 'artifact.created'] };

const subscribe = (as: Caller, payload: unknown, headers: Record<string, string> = {}) =>
  api.call('createSubscription', {
    method: 'POST',
    path: '/api/v1/subscriptions',
    as,
    body: payload,
    headers,
  });
const byId = (name: string, method: string, id: string, as: Caller) =>
  api.call(name, { method, path: `/api/v1/subscriptions/${id}`, params: { id }, as });
const problem = async (payload: unknown) => {
  const res = await subscribe(admin(api.tenant()), payload);
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  return res.json.error.details as { field: string; issues: { field: string; code: string }[] };
};

describe('event subscriptions: subscribe and unsubscribe as a Power Automate webhook trigger does', () => {
  it('201 with an absolute Location to DELETE, the secret once; reads redact the URL; DELETE → 204, then 404', async () => {
    const tenant = api.tenant();
    const res = await subscribe(creator(tenant), body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const id = res.json.id as string;
    expect(res.headers.location).toBe(`https://scheduler.example.test/api/v1/subscriptions/${id}`);
    expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(res.json).toMatchObject({
      tenantId: tenant,
      events: body.events,
      description: '',
      createdBy: 'alice',
    });
    expect(res.json.url).toBe(
      'https://prod-03.westus.logic.azure.com/workflows/c4ed9335/triggers/manual/paths/invoke' +
        '?api-version=***&sp=***&sv=***&sig=***',
    );

    const got = await byId('getSubscription', 'GET', id, viewer(tenant));
    expect(got.status).toBe(200);
    expect(got.json.secret).toBeUndefined();
    expect(got.text).not.toContain('SECRETSIGVALUE123');
    const list = await api.call('listSubscriptions', { path: '/api/v1/subscriptions', as: viewer(tenant) });
    expect(list.json.items.map((s: { id: string }) => s.id)).toEqual([id]);

    // Logic Apps unsubscribes by DELETE on the Location it kept.
    const path = new URL(res.headers.location!).pathname;
    const deleted = await api.call('deleteSubscription', {
      method: 'DELETE',
      path,
      params: { id },
      as: creator(tenant),
    });
    expect(deleted.status).toBe(204);
    expect((await byId('getSubscription', 'GET', id, admin(tenant))).status).toBe(404);
    expect((await byId('deleteSubscription', 'DELETE', id, admin(tenant))).status).toBe(404);
  });

  it('stores the URL and the secret sealed, and audits without them', async () => {
    const tenant = api.tenant();
    const res = await subscribe(admin(tenant), { ...body, description: 'finance flow' });
    const raw = await scanRaw(tenant);
    expect(raw).toContain(res.json.id);
    expect(raw).not.toContain('SECRETSIGVALUE123');
    expect(raw).not.toContain(res.json.secret);
    await byId('deleteSubscription', 'DELETE', res.json.id, admin(tenant));
    const audit = await api.deps.repos.audit.list(tenant, { entityType: 'subscription', limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual(['subscription.created', 'subscription.deleted']);
    const text = JSON.stringify(audit.items);
    expect(text).toContain('sig=***');
    expect(text).not.toContain('SECRETSIGVALUE123');
    expect(text).not.toContain(res.json.secret);
  });
});

describe('event subscriptions: validation names the field', () => {
  it('refuses bad event lists and unknown fields', async () => {
    expect((await problem({ url: callbackUrl })).field).toBe('events');
    expect((await problem({ url: callbackUrl, events: [] })).field).toBe('events');
    expect((await problem({ url: callbackUrl, events: ['run.started'] })).field).toBe('events[0]');
    expect((await problem({ url: callbackUrl, events: ['run.failed', 'run.failed'] })).field).toBe('events');
    expect((await problem({ ...body, secret: 'mine' })).issues[0]).toMatchObject({
      field: 'secret',
      code: 'unrecognized_key',
    });
    expect((await problem({ events: ['run.failed'] })).field).toBe('url');
  });

  it('refuses plain http, internal addresses and user-info; admits an allowlisted loopback host:port', async () => {
    const codeOf = async (url: string) => (await problem({ url, events: ['run.failed'] })).issues[0];
    expect(await codeOf('http://hooks.example.com/in')).toMatchObject({ field: 'url', code: 'scheme' });
    expect(await codeOf('https://10.1.2.3/in')).toMatchObject({ field: 'url', code: 'internal_address' });
    expect(await codeOf('https://127.0.0.1:9001/in')).toMatchObject({
      field: 'url',
      code: 'internal_address',
    });
    expect(await codeOf('https://[::1]/in')).toMatchObject({ field: 'url', code: 'internal_address' });
    expect(await codeOf('https://localhost/in')).toMatchObject({ field: 'url', code: 'internal_address' });
    expect(await codeOf('https://user:pw@hooks.example.com/in')).toMatchObject({
      field: 'url',
      code: 'credentials_in_url',
    });
    expect(await codeOf('ftp://hooks.example.com/in')).toMatchObject({ field: 'url', code: 'scheme' });
    const ok = await subscribe(admin(api.tenant()), {
      url: 'http://127.0.0.1:9000/hook',
      events: ['run.failed'],
    });
    expect(ok.status).toBe(201);
  });
});

describe('event subscriptions: roles, tenants, quota, Idempotency-Key', () => {
  it("another tenant's id is 404; viewers cannot subscribe or unsubscribe; creators delete only their own", async () => {
    const tenant = api.tenant();
    const { json } = await subscribe(creator(tenant), body);
    const other = api.tenant();
    expect((await byId('getSubscription', 'GET', json.id, admin(other))).status).toBe(404);
    expect((await byId('deleteSubscription', 'DELETE', json.id, admin(other))).status).toBe(404);
    expect((await subscribe(viewer(tenant), body)).status).toBe(403);
    expect((await byId('deleteSubscription', 'DELETE', json.id, viewer(tenant))).status).toBe(403);
    expect((await byId('deleteSubscription', 'DELETE', json.id, creator(tenant, 'bob'))).status).toBe(403);
    expect((await byId('deleteSubscription', 'DELETE', json.id, admin(tenant))).status).toBe(204);
  });

  it('allows 20 per tenant, then 403 QUOTA_EXCEEDED with the counts', async () => {
    const tenant = api.tenant();
    for (let i = 0; i < 20; i++) expect((await subscribe(admin(tenant), body)).status).toBe(201);
    const refused = await subscribe(admin(tenant), body);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { limit: 20, current: 20, resource: 'subscriptions' },
    });
    expect((await subscribe(admin(api.tenant()), body)).status).toBe(201);
  });

  it('a repeated POST with the same Idempotency-Key answers the first 201 (same id, secret, Location)', async () => {
    const tenant = api.tenant();
    const headers = { 'Idempotency-Key': 'flow-save-1' };
    const first = await subscribe(admin(tenant), body, headers);
    const again = await subscribe(admin(tenant), body, headers);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(again.headers.location).toBe(first.headers.location);
    const list = await api.call('listSubscriptions', { path: '/api/v1/subscriptions', as: admin(tenant) });
    expect(list.json.items).toHaveLength(1);
    // The stored replay holds the secret sealed only.
    expect(await scanRaw(tenant, 'idempotency')).not.toContain(first.json.secret);
  });
});

describe('event subscriptions: secret rotation', () => {
  it('answers a new secret once, audited without it; viewers may not rotate', async () => {
    const tenant = api.tenant();
    const { json } = await subscribe(admin(tenant), body);
    const rotate = (as: Caller) =>
      api.call('rotateSubscriptionSecret', {
        method: 'POST',
        path: `/api/v1/subscriptions/${json.id}/rotate-secret`,
        params: { id: json.id },
        as,
      });
    expect((await rotate(viewer(tenant))).status).toBe(403);
    const rotated = await rotate(admin(tenant));
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(json.secret);
    expect(Date.parse(rotated.json.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    const audit = await api.deps.repos.audit.list(tenant, { entityType: 'subscription', limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual(['subscription.created', 'subscription.secret_rotated']);
    expect(JSON.stringify(audit.items)).not.toContain(rotated.json.secret);
  });
});

describe('event subscriptions: dispatch records', () => {
  it("lists what became of each event for the caller's tenant only", async () => {
    const tenant = api.tenant();
    const { json } = await subscribe(admin(tenant), body);
    const record = {
      subscriptionId: json.id as string,
      eventId: 'evt-1',
      eventType: 'run.succeeded' as const,
      status: 'failed' as const,
      attempts: 8,
      statusCode: 500,
      latencyMs: 12,
      error: 'The webhook receiver answered HTTP 500',
      nextAttemptAt: null,
      updatedAt: new Date().toISOString(),
    };
    await api.deps.subscriptions.ledger.put(tenant, record);
    const path = `/api/v1/subscriptions/${json.id}/dispatches`;
    const mine = await api.call('listSubscriptionDispatches', {
      path,
      params: { id: json.id },
      as: viewer(tenant),
    });
    expect(mine.status).toBe(200);
    expect(mine.json.items).toEqual([record]);
    const other = await api.call('listSubscriptionDispatches', {
      path,
      params: { id: json.id },
      as: admin(api.tenant()),
    });
    expect(other.status).toBe(404);
  });
});

describe('event subscriptions: OpenAPI for a Power Automate custom connector', () => {
  it('marks url as the notification URL (hidden), documents 201 and the DELETE by id', async () => {
    const doc = (await api.call('openApiJson', { path: '/api/v1/openapi.json' })).json;
    const post = doc.paths['/api/v1/subscriptions'].post;
    expect(Object.keys(post.responses)).toContain('201');
    expect(post.description).toContain('Location');
    const request = doc.components.schemas.SubscriptionRequest;
    expect(request.properties.url).toMatchObject({
      'x-ms-notification-url': true,
      'x-ms-visibility': 'internal',
    });
    expect(request.required).toEqual(['url', 'events']);
    expect(doc.paths['/api/v1/subscriptions/{id}'].delete.responses['204']).toBeDefined();
  });
});

/** Every stored property of the tenant's rows in tables whose name contains `part`, as one string. */
async function scanRaw(tenant: string, part = 'subscriptions'): Promise<string> {
  const { TableServiceClient } = await import('@azure/data-tables');
  const service = TableServiceClient.fromConnectionString(testConnectionString(), {
    allowInsecureConnection: true,
  });
  let text = '';
  for await (const t of service.listTables()) {
    if (!t.name?.toLowerCase().includes(part)) continue;
    const client = TableClient.fromConnectionString(testConnectionString(), t.name, {
      allowInsecureConnection: true,
    });
    for await (const e of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${tenant}'` } }))
      text += JSON.stringify(e);
  }
  return text;
}
