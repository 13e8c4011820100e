/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- assertions walk parsed JSON */
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import { createTableExecutionQuota } from '../../shared/adapters/table/table-execution-quota';
import { createTableService } from '../../shared/adapters/table/table-service';
import { signPayload } from '../../shared/app/event-triggers/verify-signature';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import type { MessageBus } from '../../shared/ports/message-bus';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { startApiFixture, type ApiFixture, type Caller } from './testing/api-fixture';

// Real Storage queues on the test Azurite, under a prefix no other test consumes.
const queuePrefix = uniqueName('q');
const queues = QueueServiceClient.fromConnectionString(testConnectionString());
const inner = createStorageQueueMessageBus({ connectionString: testConnectionString() }, () => new Date());
const bus: MessageBus = {
  publish: (queue, m) => inner.publish(`${queuePrefix}-${queue}`, m),
  ping: () => inner.ping(),
};
const quotaTables = createTableService(
  { connectionString: testConnectionString() },
  { prefix: uniqueName('tq') },
);

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(
    async () => Promise.all([import('./event-triggers.js'), import('./reports.js')]),
    {
      overrides: () => ({
        bus,
        quota: createTableExecutionQuota(quotaTables, {
          tierOf: () => Promise.resolve('standard'),
          limits: { standard: 3, premium: 3, enterprise: null },
        }),
      }),
    },
  );
});
afterAll(() => api.close());

const admin = (tenantId: string): Caller => ({ tenantId, userId: 'admin', roles: ['tenant_admin'] });
const creator = (tenantId: string, userId = 'alice'): Caller => ({
  tenantId,
  userId,
  roles: ['report_creator'],
});
const viewer = (tenantId: string): Caller => ({ tenantId, userId: 'vic', roles: ['viewer'] });

const reportBody = {
  ...exampleReportRequest,
  dataSource: {
    connectionId: 'demo',
    sql: 'select region, sum(amount) as total from sales where quantity >= $minQty and region <> $skip group by region',
    parameters: [
      { name: 'minQty', type: 'integer', required: true },
      { name: 'skip', type: 'string', default: 'none' },
    ],
  },
};

async function setUp(as: Caller) {
  const report = await api.call('createReport', {
    method: 'POST',
    path: '/api/v1/reports',
    as,
    body: reportBody,
  });
  const trigger = await api.call('createEventTrigger', {
    method: 'POST',
    path: '/api/v1/event-triggers',
    as,
    body: { name: 'Orders closed', reportId: report.json.id },
  });
  expect(trigger.status).toBe(201);
  return { reportId: report.json.id as string, trigger: trigger.json, secret: trigger.json.secret as string };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function fire(triggerId: string, body: string, signature: string | undefined) {
  return api.call('fireEventTrigger', {
    method: 'POST',
    path: `/api/v1/triggers/${triggerId}`,
    params: { triggerId },
    body,
    headers: signature === undefined ? {} : { 'x-signature': signature },
  });
}

const signed = (secret: string, body: string, t = nowSeconds()) =>
  `t=${t},v1=${signPayload(secret, t, Buffer.from(body))}`;

async function published(runId: string) {
  const queue = queues.getQueueClient(`${queuePrefix}-execution-requests`);
  const { peekedMessageItems } = await queue.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems
    .map(
      (m) =>
        JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as {
          body: Record<string, unknown>;
        },
    )
    .find((m) => m.body.runId === runId)?.body;
}

describe('event triggers: resources', () => {
  it('answers the secret once, on create; never on read, list or update, and never stores it in the clear', async () => {
    const tenant = api.tenant();
    const { trigger, secret, reportId } = await setUp(creator(tenant));
    expect(secret).toMatch(/^ets_[A-Za-z0-9_-]{43}$/);
    expect(trigger).toMatchObject({
      name: 'Orders closed',
      reportId,
      active: true,
      createdBy: 'alice',
      url: `https://scheduler.example.test/api/v1/triggers/${trigger.id}`,
    });
    const get = await api.call('getEventTrigger', {
      path: `/api/v1/event-triggers/${trigger.id}`,
      params: { id: trigger.id },
      as: viewer(tenant),
    });
    const list = await api.call('listEventTriggers', {
      path: `/api/v1/event-triggers?reportId=${reportId}`,
      as: viewer(tenant),
    });
    const put = await api.call('updateEventTrigger', {
      method: 'PUT',
      path: `/api/v1/event-triggers/${trigger.id}`,
      params: { id: trigger.id },
      as: creator(tenant),
      body: { name: 'Renamed', reportId },
    });
    expect(put.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    for (const res of [get, list, put]) {
      expect(res.text).not.toContain(secret);
      expect(res.text).not.toMatch(/"secret"/);
    }
    const row = await (
      await createTableService({ connectionString: testConnectionString() }).table('eventtriggers')
    ).getEntity(tenant, `id|${trigger.id}`);
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
    const audit = await api.deps.repos.audit.list(tenant, { entityType: 'event_trigger', limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual(['event_trigger.created', 'event_trigger.updated']);
    expect(JSON.stringify(audit.items)).not.toMatch(/secret"|"sealed|"data"/);
  });

  it('rotating the secret answers a new one; the old one stops working', async () => {
    const tenant = api.tenant();
    const { trigger, secret } = await setUp(admin(tenant));
    const rotated = await api.call('rotateEventTriggerSecret', {
      method: 'POST',
      path: `/api/v1/event-triggers/${trigger.id}/rotate-secret`,
      params: { id: trigger.id },
      as: admin(tenant),
    });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(secret);
    const body = '{"parameters":{"minQty":1}}';
    expect((await fire(trigger.id, body, signed(secret, body))).status).toBe(401);
    expect((await fire(trigger.id, body, signed(rotated.json.secret, body))).status).toBe(202);
    const audit = await api.deps.repos.audit.list(tenant, { entityType: 'event_trigger', limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual([
      'event_trigger.created',
      'event_trigger.secret_rotated',
    ]);
    expect(Object.keys(audit.items[1]!.diff!)).toEqual(['secretRotatedAt']);
  });

  it('replays an idempotent create with the same secret, kept sealed meanwhile', async () => {
    const tenant = api.tenant();
    const report = await api.call('createReport', {
      method: 'POST',
      path: '/api/v1/reports',
      as: admin(tenant),
      body: reportBody,
    });
    const create = () =>
      api.call('createEventTrigger', {
        method: 'POST',
        path: '/api/v1/event-triggers',
        as: admin(tenant),
        body: { name: 'Once', reportId: report.json.id },
        headers: { 'idempotency-key': 'trigger-1' },
      });
    const first = await create();
    const again = await create();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json).toEqual(first.json);
    const rows = (
      await createTableService({ connectionString: testConnectionString() }).table('idempotencykeys')
    ).listEntities({ queryOptions: { filter: `PartitionKey eq '${tenant}'` } });
    for await (const row of rows) expect(JSON.stringify(row)).not.toContain(first.json.secret.slice(4, 20));
  });

  it("another tenant's trigger is not found; a viewer cannot mutate; a creator changes only its own", async () => {
    const [tenant, other] = [api.tenant(), api.tenant()];
    const { trigger, reportId } = await setUp(creator(tenant, 'alice'));
    const path = `/api/v1/event-triggers/${trigger.id}`;
    const params = { id: trigger.id };
    expect((await api.call('getEventTrigger', { path, params, as: admin(other) })).status).toBe(404);
    expect(
      (await api.call('deleteEventTrigger', { method: 'DELETE', path, params, as: admin(other) })).status,
    ).toBe(404);
    expect(
      (
        await api.call('rotateEventTriggerSecret', {
          method: 'POST',
          path: `${path}/rotate-secret`,
          params,
          as: admin(other),
        })
      ).status,
    ).toBe(404);
    expect(
      (await api.call('deleteEventTrigger', { method: 'DELETE', path, params, as: viewer(tenant) })).status,
    ).toBe(403);
    expect(
      (
        await api.call('createEventTrigger', {
          method: 'POST',
          path: '/api/v1/event-triggers',
          as: viewer(tenant),
          body: { name: 'x', reportId },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.call('deleteEventTrigger', { method: 'DELETE', path, params, as: creator(tenant, 'bob') }))
        .status,
    ).toBe(403);
    const stale = await api.call('updateEventTrigger', {
      method: 'PUT',
      path,
      params,
      as: creator(tenant, 'alice'),
      body: { name: 'x', reportId },
      headers: { 'if-match': 'W/"datetime\'2020-01-01T00%3A00%3A00Z\'"' },
    });
    expect(stale.status).toBe(412);
    const missingReport = await api.call('createEventTrigger', {
      method: 'POST',
      path: '/api/v1/event-triggers',
      as: admin(tenant),
      body: { name: 'x', reportId: 'nope' },
    });
    expect(missingReport.json.error.details.field).toBe('reportId');
    // A report with a trigger cannot be deleted.
    const del = await api.call('deleteReport', {
      method: 'DELETE',
      path: `/api/v1/reports/${reportId}`,
      params: { id: reportId },
      as: admin(tenant),
    });
    expect(del.status).toBe(409);
    expect(del.json.error.details.eventTriggers).toEqual([trigger.id]);
    expect(
      (await api.call('deleteEventTrigger', { method: 'DELETE', path, params, as: creator(tenant, 'alice') }))
        .status,
    ).toBe(204);
  });
});

describe('event triggers: POST /v1/triggers/{id}', () => {
  it('a good signature runs the report: 202 {runId}, an ExecutionRequested with trigger "event"', async () => {
    const tenant = api.tenant();
    const { trigger, secret, reportId } = await setUp(admin(tenant));
    const body = '{"parameters":{"minQty":5}}';
    const res = await fire(trigger.id, body, signed(secret, body));
    expect(res.status).toBe(202);
    expect(Object.keys(res.json)).toEqual(['runId']);
    expect(await published(res.json.runId)).toMatchObject({
      tenantId: tenant,
      reportId,
      trigger: 'event',
      parameters: { minQty: 5 },
      requestedBy: `event-trigger:${trigger.id}`,
    });
  });

  it('refuses a bad, expired, future, replayed or missing signature — and an unknown trigger — with 401', async () => {
    const tenant = api.tenant();
    const { trigger, secret } = await setUp(admin(tenant));
    const body = '{"parameters":{"minQty":1}}';
    const reasonOf = async (id: string, b: string, sig: string | undefined) => {
      const res = await fire(id, b, sig);
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHENTICATED');
      return res.json.error.details.reason as string;
    };
    expect(await reasonOf(trigger.id, body, signed('ets_wrong', body))).toBe('bad_signature');
    expect(await reasonOf(trigger.id, '{"parameters":{"minQty":2}}', signed(secret, body))).toBe(
      'bad_signature',
    );
    expect(await reasonOf(trigger.id, body, signed(secret, body, nowSeconds() - 301))).toBe('expired');
    expect(await reasonOf(trigger.id, body, signed(secret, body, nowSeconds() + 301))).toBe('expired');
    expect(await reasonOf(trigger.id, body, undefined)).toBe('missing_signature');
    expect(await reasonOf(trigger.id, body, 'sha256=abc')).toBe('malformed_signature');
    expect(await reasonOf('0190aaaa-0000-7000-8000-000000000000', body, signed(secret, body))).toBe(
      'bad_signature',
    );

    const good = signed(secret, body, nowSeconds() - 250);
    expect((await fire(trigger.id, body, good)).status).toBe(202);
    expect(await reasonOf(trigger.id, body, good)).toBe('replayed');
  });

  it('checks parameters against the report’s declared types, naming the field', async () => {
    const tenant = api.tenant();
    const { trigger, secret } = await setUp(admin(tenant));
    const problem = async (body: string) => {
      const res = await fire(trigger.id, body, signed(secret, body));
      expect(res.status).toBe(400);
      return res.json.error.details;
    };
    expect((await problem('{"parameters":{"minQty":"five"}}')).field).toBe('parameters.minQty');
    expect((await problem('{"parameters":{"minQty":1.5}}')).field).toBe('parameters.minQty');
    expect((await problem('{"parameters":{"minQty":1,"region":"x"}}')).field).toBe('parameters.region');
    expect((await problem('{"parameters":{}}')).issues[0]).toMatchObject({
      field: 'parameters.minQty',
      code: 'required',
    });
    expect((await problem('{"parameters":{"minQty":1},"extra":true}')).field).toBe('extra');
  });

  it('counts each run against the daily execution quota (403 QUOTA_EXCEEDED past it)', async () => {
    const tenant = api.tenant();
    const { trigger, secret } = await setUp(admin(tenant));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const body = `{"parameters":{"minQty":${i + 1}}}`;
      const res = await fire(trigger.id, body, signed(secret, body));
      statuses.push(res.status);
      if (res.status === 403)
        expect(res.json.error).toMatchObject({
          code: 'QUOTA_EXCEEDED',
          details: { limit: 3, resource: 'executions' },
        });
    }
    expect(statuses).toEqual([202, 202, 202, 403]);
  });

  it('a disabled trigger answers 409 once the signature is verified; a deleted one 401', async () => {
    const tenant = api.tenant();
    const { trigger, secret, reportId } = await setUp(admin(tenant));
    const path = `/api/v1/event-triggers/${trigger.id}`;
    await api.call('updateEventTrigger', {
      method: 'PUT',
      path,
      params: { id: trigger.id },
      as: admin(tenant),
      body: { name: 'x', reportId, active: false },
    });
    const body = '{"parameters":{"minQty":1}}';
    expect((await fire(trigger.id, body, signed(secret, body))).status).toBe(409);
    await api.call('deleteEventTrigger', {
      method: 'DELETE',
      path,
      params: { id: trigger.id },
      as: admin(tenant),
    });
    expect((await fire(trigger.id, body, signed(secret, body, nowSeconds() - 1))).status).toBe(401);
  });
});
