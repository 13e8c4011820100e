/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
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
import { legacyStoredSchedule } from '../../test/support/schedule-records';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => import('./delivery-targets.js'), {
    settings: { OUTBOUND_ALLOWLIST: 'receiver.internal:8080,127.0.0.1:9000' },
  });
});
afterAll(() => api.close());

const email = {
  type: 'email',
  name: 'Finance',
  config: { recipients: ['a@example.com', 'B@example.com', 'b@example.com'], attachPdf: true },
};
const webhook = {
  type: 'webhook',
  name: 'Intake',
  config: { url: 'https://hooks.example.com/in', secretRef: 'secret:intake-key' },
};
const slackHook = {
  type: 'slack',
  name: 'Channel',
  config: { webhookUrlRef: 'secret:slack-finance-webhook' },
};
const slackBot = {
  type: 'slack',
  name: 'Bot',
  config: { botTokenRef: 'keyvault:slack-bot', channel: '#reports' },
};
const link = { type: 'link', name: 'Link', config: { expiresInHours: 48 } };

const create = (as: Caller, body: unknown, headers: Record<string, string> = {}) =>
  api.call('createDeliveryTarget', { method: 'POST', path: '/api/v1/delivery-targets', as, body, headers });
const byId = byIdOf(() => api, 'delivery-targets');
const fieldOf = async (body: unknown, tenant = api.tenant()) => {
  const res = await create(creator(tenant), body);
  expect(res.status).toBe(400);
  return res;
};

describe('delivery targets: configuration per type', () => {
  it('accepts each type; email recipients are kept once each (case-insensitively)', async () => {
    const tenant = api.tenant();
    for (const body of [email, webhook, slackHook, slackBot, link]) {
      const res = await create(creator(tenant), body);
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      expect(res.json).toMatchObject({ type: body.type, name: body.name, active: true, tenantId: tenant });
    }
    const list = await api.call('listDeliveryTargets', {
      path: '/api/v1/delivery-targets?type=slack',
      as: viewer(tenant),
    });
    expect(list.json.items.map((t: { name: string }) => t.name).sort()).toEqual(['Bot', 'Channel']);
    const all = await api.call('listDeliveryTargets', {
      path: '/api/v1/delivery-targets',
      as: viewer(tenant),
    });
    expect(all.json.items.find((t: { type: string }) => t.type === 'email').config.recipients).toEqual([
      'a@example.com',
      'B@example.com',
    ]);
  });

  it('validates email recipients: addresses, at most 50', async () => {
    expect(
      (await fieldOf({ ...email, config: { recipients: ['a@example.com', 'not-an-email'] } })).json.error
        .details.field,
    ).toBe('config.recipients[1]');
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@example.com`);
    expect((await fieldOf({ ...email, config: { recipients: many } })).json.error.details.field).toBe(
      'config.recipients',
    );
    expect((await fieldOf({ ...email, config: { recipients: [] } })).json.error.details.field).toBe(
      'config.recipients',
    );
  });

  it('refuses an email subject template that does not parse, at save (it would fail every delivery)', async () => {
    const res = await fieldOf({
      ...email,
      config: { ...email.config, subjectTemplate: 'Sales {{ reportName' },
    });
    expect(res.json.error.details.field).toBe('config.subjectTemplate');
    expect(res.json.error.message).toMatch(/not a valid template/);
  });

  it('webhooks: https to a public host, unless host:port is in OUTBOUND_ALLOWLIST; no credentials in the URL', async () => {
    const withUrl = (url: string) => ({ ...webhook, config: { ...webhook.config, url } });
    for (const url of [
      'http://hooks.example.com/in',
      'https://10.1.2.3/in',
      'https://localhost/x',
      'https://[::1]/x',
      'https://169.254.169.254/latest',
      'ftp://hooks.example.com/in',
    ]) {
      const res = await fieldOf(withUrl(url));
      expect(res.json.error.details.field, url).toBe('config.url');
    }
    for (const url of ['https://user:pw@hooks.example.com/in', 'https://hooks.example.com/in?token=abc123']) {
      const res = await fieldOf(withUrl(url));
      expect(res.json.error.details.issues[0].code).toBe('credentials_in_url');
      expect(res.text).not.toMatch(/pw@|abc123/);
    }
    const tenant = api.tenant();
    expect((await create(creator(tenant), withUrl('http://receiver.internal:8080/hook'))).status).toBe(201);
    expect((await create(creator(tenant), withUrl('https://127.0.0.1:9000/hook'))).status).toBe(201);
    expect((await create(creator(tenant), withUrl('http://receiver.internal:8081/hook'))).status).toBe(400);
  });

  it('secrets are references: a raw secret or URL is refused, never echoed, never stored', async () => {
    const rawSecrets = [
      [
        'webhook',
        { ...webhook, config: { ...webhook.config, secretRef: 'whsec_9f8e7d6c5b4a39281706f5e4d3c2b1a0' } },
        'config.secretRef',
      ],
      [
        'slack url',
        {
          ...slackHook,
          config: { webhookUrlRef: 'https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX' },
        },
        'config.webhookUrlRef',
      ],
      [
        'slack token',
        { ...slackBot, config: { botTokenRef: 'xoxb-1234-5678-abcdefSECRET', channel: '#reports' } },
        'config.botTokenRef',
      ],
    ] as const;
    for (const [label, body, field] of rawSecrets) {
      const res = await fieldOf(body);
      expect(res.json.error.details.field, label).toBe(field);
      expect(res.json.error.message, label).toMatch(/looks like a raw secret or URL/);
      const value = Object.values(body.config).find(
        (v) => typeof v === 'string' && v !== '#reports',
      ) as string;
      expect(res.text, label).not.toContain(value);
    }
    expect(
      (await fieldOf({ ...webhook, config: { ...webhook.config, secretRef: 'vault:x' } })).json.error.message,
    ).toMatch(/secret:NAME/);
    expect(
      (await fieldOf({ ...webhook, config: { ...webhook.config, secret: 'abc' } })).json.error.details.field,
    ).toBe('config.secret');

    const tenant = api.tenant();
    const created = await create(creator(tenant), webhook);
    const got = await byId('getDeliveryTarget', 'GET', created.json.id, viewer(tenant));
    expect(got.json.config).toEqual({
      url: 'https://hooks.example.com/in',
      secretRef: 'secret:intake-key',
    });
  });

  it('slack: a webhook reference, or a bot token reference with a channel', async () => {
    expect(
      (await fieldOf({ type: 'slack', name: 's', config: { botTokenRef: 'keyvault:bot' } })).json.error
        .details.field,
    ).toBe('config.channel');
    expect((await fieldOf({ type: 'slack', name: 's', config: {} })).json.error.details.field).toBe(
      'config.webhookUrlRef',
    );
    expect(
      (
        await fieldOf({
          type: 'slack',
          name: 's',
          config: { webhookUrlRef: 'secret:a', botTokenRef: 'secret:b', channel: '#x' },
        })
      ).json.error.details.field,
    ).toBe('config.webhookUrlRef');
    expect((await fieldOf({ type: 'pager', name: 's', config: {} })).json.error.details.field).toBe('type');
  });
});

describe('delivery targets: access, concurrency, idempotency, audit', () => {
  it("another tenant's target is not found; a viewer cannot mutate; a creator changes only its own", async () => {
    const [tenant, other] = [api.tenant(), api.tenant()];
    const { json } = await create(creator(tenant, 'alice'), webhook);
    expect((await byId('getDeliveryTarget', 'GET', json.id, admin(other))).status).toBe(404);
    expect((await byId('updateDeliveryTarget', 'PUT', json.id, admin(other), { body: webhook })).status).toBe(
      404,
    );
    expect((await byId('deleteDeliveryTarget', 'DELETE', json.id, admin(other))).status).toBe(404);
    expect((await create(viewer(tenant), webhook)).status).toBe(403);
    expect((await byId('deleteDeliveryTarget', 'DELETE', json.id, viewer(tenant))).status).toBe(403);
    expect(
      (await byId('updateDeliveryTarget', 'PUT', json.id, creator(tenant, 'bob'), { body: email })).status,
    ).toBe(403);
    const changed = await byId('updateDeliveryTarget', 'PUT', json.id, creator(tenant, 'alice'), {
      body: email,
    });
    expect(changed.json).toMatchObject({ type: 'email', createdBy: 'alice', id: json.id });
  });

  it('If-Match stale → 412; replays; audit diffs hold references only', async () => {
    const tenant = api.tenant();
    const key = { 'idempotency-key': 'target-1' };
    const first = await create(admin(tenant), webhook, key);
    const again = await create(admin(tenant), webhook, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json).toEqual(first.json);
    expect((await create(admin(tenant), slackHook, key)).status).toBe(422);

    const id = first.json.id as string;
    const moved = { ...webhook, config: { ...webhook.config, secretRef: 'secret:intake-key-v2' } };
    const updated = await byId('updateDeliveryTarget', 'PUT', id, admin(tenant), {
      body: moved,
      headers: { 'if-match': first.headers.etag! },
    });
    expect(updated.status).toBe(200);
    expect(
      (
        await byId('updateDeliveryTarget', 'PUT', id, admin(tenant), {
          body: webhook,
          headers: { 'if-match': first.headers.etag! },
        })
      ).status,
    ).toBe(412);
    expect((await byId('deleteDeliveryTarget', 'DELETE', id, admin(tenant))).status).toBe(204);

    const events = (await api.deps.repos.audit.list(tenant, { entityType: 'delivery_target', limit: 10 }))
      .items;
    expect(events.map((e) => e.action)).toEqual([
      'delivery_target.created',
      'delivery_target.updated',
      'delivery_target.deleted',
    ]);
    expect(events[1]!.diff).toEqual({
      config: {
        from: { url: 'https://hooks.example.com/in', secretRef: 'secret:intake-key' },
        to: { url: 'https://hooks.example.com/in', secretRef: 'secret:intake-key-v2' },
      },
    });
  });

  it('refuses to delete a target that a schedule delivers to', async () => {
    const tenant = api.tenant();
    const { json } = await create(admin(tenant), link);
    await api.deps.repos.schedules.insert(
      tenant,
      legacyStoredSchedule({
        id: 'daily',
        tenantId: tenant,
        reportId: 'r1',
        deliveryTargetIds: [json.id],
      }) as never,
    );
    const res = await byId('deleteDeliveryTarget', 'DELETE', json.id, admin(tenant));
    expect(res.status).toBe(409);
    expect(res.json.error.details).toEqual({ schedules: ['daily'] });
  });
});
