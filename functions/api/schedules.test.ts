/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectionString } from '../../test/support/storage';
import { assertScheduleQuota } from '../../shared/app/quotas/assert-schedule-quota';
import { quotaExceeded } from '../../shared/app/quotas/quota-exceeded';
import type { ExecutionRequested } from '../../shared/contracts/run-messages';
import type { HttpResult } from '../http/testing/http-test-kit';
import { specExampleBody } from './schedules-http';
import { startSchedulesApi, type Caller, type SchedulesApi } from './schedules-test-fixture';

let api: SchedulesApi;
let reportId: string;
beforeAll(async () => {
  api = await startSchedulesApi(testConnectionString());
  reportId = (await api.addReport('t1')).id;
});
afterAll(() => api.close());

const admin: Caller = { tenantId: 't1', userId: 'admin', roles: ['tenant_admin'] };
const alice: Caller = { tenantId: 't1', userId: 'alice', roles: ['report_creator'] };
const bob: Caller = { tenantId: 't1', userId: 'bob', roles: ['report_creator'] };
const viewer: Caller = { tenantId: 't1', userId: 'val', roles: ['viewer'] };
const mallory: Caller = { tenantId: 't2', userId: 'mallory', roles: ['tenant_admin'] };

const json = (res: HttpResult) => res.json as Record<string, any>;
function expectError(res: HttpResult, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(json(res).error.code).toBe(code);
}
const body = (overrides: Record<string, unknown> = {}) => ({
  reportId,
  cronExpr: '0 9 * * *',
  timezone: 'UTC',
  ...overrides,
});
async function create(as: Caller = alice, overrides: Record<string, unknown> = {}) {
  const res = await api.call('POST', '/api/v1/schedules', { as, body: body(overrides) });
  expect(res.status, res.text).toBe(201);
  return { id: json(res).id as string, etag: res.headers.etag!, doc: json(res) };
}
const rowsOf = async (id: string) =>
  (await api.rows()).filter((r) => r.scheduleId === id).map((r) => r.fireTime);
const auditOf = async (id: string) =>
  (await api.repos.audit.list('t1', { limit: 100 })).items.filter((e) => e.entityId === id);

describe('POST /api/v1/schedules', () => {
  it('accepts the design document example body as is (a real report id in place of the placeholder)', async () => {
    api.clock.now = new Date('2026-11-28T12:00:00Z');
    const res = await api.call('POST', '/api/v1/schedules', {
      as: alice,
      body: { ...specExampleBody, reportId },
    });
    api.clock.now = undefined;
    expect(res.status, res.text).toBe(201);
    const created = json(res);
    expect(created).toMatchObject({
      reportId,
      kind: 'cron',
      cronExpr: '0 9 * * *',
      timezone: 'America/New_York',
      emailDelivery: specExampleBody.emailDelivery,
      misfirePolicy: { kind: 'fire_once' },
      dstPolicy: { gap: 'shift_forward', overlap: 'first' },
      status: 'active',
      nextRunAt: '2026-11-28T14:00:00.000Z', // 09:00 EST
      createdBy: 'alice',
    });
    expect(res.headers.location).toBe(`/api/v1/schedules/${created.id}`);
    expect(res.headers.etag).toBeTruthy();
    expect(await rowsOf(created.id)).toEqual(['2026-11-28T14:00:00.000Z']);
    const [event] = await auditOf(created.id);
    expect(event).toMatchObject({ action: 'schedule.created', actorId: 'alice', entityType: 'schedule' });
    expect(event!.diff).toMatchObject({ cronExpr: { from: null, to: '0 9 * * *' } });
  });

  it("checks the schedules quota's alerts after a schedule is created or deleted, not after a refusal", async () => {
    const owner: Caller = { tenantId: 'tc', userId: 'c', roles: ['tenant_admin'] };
    const report = await api.addReport('tc');
    const created = await api.call('POST', '/api/v1/schedules', {
      as: owner,
      body: body({ reportId: report.id }),
    });
    expect(created.status).toBe(201);
    expect(api.countChanges.filter((t) => t === 'tc')).toHaveLength(1);
    const id = (json(created) as { id: string }).id;
    const deleted = await api.call('DELETE', `/api/v1/schedules/${id}`, { as: owner });
    expect(deleted.status).toBe(204);
    expect(api.countChanges.filter((t) => t === 'tc')).toHaveLength(2);
    api.quotas.schedule = () => Promise.reject(quotaExceeded('schedules', 1, 1, 'standard'));
    await api.call('POST', '/api/v1/schedules', { as: owner, body: body({ reportId: report.id }) });
    api.quotas.schedule = () => Promise.resolve();
    expect(api.countChanges.filter((t) => t === 'tc')).toHaveLength(2);
  });

  it("refuses a schedule beyond the tier's quota: 403 QUOTA_EXCEEDED with the limit", async () => {
    const limits = {
      schedules: { standard: 1, premium: 1, enterprise: null },
      executionsPerDay: { standard: null, premium: null, enterprise: null },
    };
    api.quotas.schedule = (tenantId, tier) =>
      assertScheduleQuota({ repos: api.repos, limits }, tenantId, tier);
    const owner: Caller = { tenantId: 'tq', userId: 'q', roles: ['tenant_admin'] };
    const report = await api.addReport('tq');
    const first = await api.call('POST', '/api/v1/schedules', {
      as: owner,
      body: body({ reportId: report.id }),
    });
    const second = await api.call('POST', '/api/v1/schedules', {
      as: owner,
      body: body({ reportId: report.id }),
    });
    api.quotas.schedule = () => Promise.resolve();
    expect(first.status).toBe(201);
    expectError(second, 403, 'QUOTA_EXCEEDED');
    expect(json(second).error.details).toMatchObject({ limit: 1, current: 1, resource: 'schedules' });
  });
});

describe('every schedules endpoint with another tenant', () => {
  it('answers 404 for an id of another tenant, and changes nothing', async () => {
    const { id, etag } = await create();
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/schedules/${id}`],
      ['PUT', `/api/v1/schedules/${id}`, body()],
      ['DELETE', `/api/v1/schedules/${id}`],
      ['POST', `/api/v1/schedules/${id}/pause`],
      ['POST', `/api/v1/schedules/${id}/resume`],
      ['POST', `/api/v1/schedules/${id}/trigger`],
      ['GET', `/api/v1/schedules/${id}/next`],
    ];
    for (const [method, path, payload] of calls) {
      expectError(await api.call(method, path, { as: mallory, body: payload }), 404, 'NOT_FOUND');
    }
    const list = await api.call('GET', '/api/v1/schedules', { as: mallory });
    expect(json(list).items).toEqual([]);
    expect((await api.call('GET', `/api/v1/schedules/${id}`, { as: alice })).headers.etag).toBe(etag);
  });
});

describe('roles and ownership', () => {
  it('lets a viewer read but not create, change, pause, resume, delete or trigger', async () => {
    const { id } = await create();
    expectError(await api.call('POST', '/api/v1/schedules', { as: viewer, body: body() }), 403, 'FORBIDDEN');
    for (const [method, path, payload] of [
      ['PUT', `/api/v1/schedules/${id}`, body()],
      ['DELETE', `/api/v1/schedules/${id}`],
      ['POST', `/api/v1/schedules/${id}/pause`],
      ['POST', `/api/v1/schedules/${id}/resume`],
      ['POST', `/api/v1/schedules/${id}/trigger`],
    ] as const) {
      expectError(await api.call(method, path, { as: viewer, body: payload }), 403, 'FORBIDDEN');
    }
    for (const path of [`/api/v1/schedules/${id}`, `/api/v1/schedules/${id}/next`, '/api/v1/schedules']) {
      expect((await api.call('GET', path, { as: viewer })).status).toBe(200);
    }
  });

  it('lets a report creator change only its own schedules; an admin changes any', async () => {
    const { id } = await create(alice);
    for (const [method, path, payload] of [
      ['PUT', `/api/v1/schedules/${id}`, body({ cronExpr: '0 10 * * *' })],
      ['DELETE', `/api/v1/schedules/${id}`],
      ['POST', `/api/v1/schedules/${id}/pause`],
    ] as const) {
      expectError(await api.call(method, path, { as: bob, body: payload }), 403, 'FORBIDDEN');
    }
    expect((await api.call('GET', `/api/v1/schedules/${id}`, { as: bob })).status).toBe(200);
    // Triggering runs the report: as run-now, only for its owner (alice) or an admin.
    expectError(await api.call('POST', `/api/v1/schedules/${id}/trigger`, { as: bob }), 403, 'FORBIDDEN');
    const put = await api.call('PUT', `/api/v1/schedules/${id}`, {
      as: alice,
      body: body({ cronExpr: '0 10 * * *' }),
    });
    expect(json(put).cronExpr).toBe('0 10 * * *');
    expect((await api.call('POST', `/api/v1/schedules/${id}/pause`, { as: admin })).status).toBe(200);
  });
});

describe('ETag and If-Match', () => {
  it('refuses a PUT or DELETE with a stale If-Match (412) and honours the current one', async () => {
    const { id, etag } = await create();
    const get = await api.call('GET', `/api/v1/schedules/${id}`, {
      as: alice,
      headers: { 'if-none-match': etag },
    });
    expect(get.status).toBe(304);
    const put = await api.call('PUT', `/api/v1/schedules/${id}`, {
      as: alice,
      body: body({ cronExpr: '30 9 * * *' }),
      headers: { 'if-match': etag },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.headers.etag).not.toBe(etag);
    const stale = { 'if-match': etag };
    expectError(
      await api.call('PUT', `/api/v1/schedules/${id}`, { as: alice, body: body(), headers: stale }),
      412,
      'PRECONDITION_FAILED',
    );
    expectError(
      await api.call('DELETE', `/api/v1/schedules/${id}`, { as: alice, headers: stale }),
      412,
      'PRECONDITION_FAILED',
    );
    expectError(
      await api.call('POST', `/api/v1/schedules/${id}/pause`, { as: alice, headers: stale }),
      412,
      'PRECONDITION_FAILED',
    );
    const del = await api.call('DELETE', `/api/v1/schedules/${id}`, {
      as: alice,
      headers: { 'if-match': put.headers.etag! },
    });
    expect(del.status).toBe(204);
    expectError(await api.call('GET', `/api/v1/schedules/${id}`, { as: alice }), 404, 'NOT_FOUND');
  });
});

describe('the due index through pause, resume, PUT and DELETE', () => {
  it('keeps exactly one row, at nextRunAt, while the schedule can fire, and none otherwise', async () => {
    api.clock.now = new Date('2026-11-28T12:00:00Z');
    try {
      const { id } = await create(alice, { cronExpr: '*/5 * * * *' });
      expect(await rowsOf(id)).toEqual(['2026-11-28T12:05:00.000Z']);
      api.clock.now = new Date('2026-11-28T12:07:00Z');
      const paused = await api.call('POST', `/api/v1/schedules/${id}/pause`, { as: alice });
      expect(json(paused)).toMatchObject({ status: 'paused', nextRunAt: null });
      expect(await rowsOf(id)).toEqual([]);
      expect((await api.call('POST', `/api/v1/schedules/${id}/pause`, { as: alice })).status).toBe(200);
      api.clock.now = new Date('2026-11-28T13:01:00Z');
      const resumed = await api.call('POST', `/api/v1/schedules/${id}/resume`, { as: alice });
      expect(json(resumed)).toMatchObject({ status: 'active', nextRunAt: '2026-11-28T13:05:00.000Z' });
      expect(await rowsOf(id)).toEqual(['2026-11-28T13:05:00.000Z']);
      api.clock.now = new Date('2026-11-28T13:02:00Z');
      await api.call('PUT', `/api/v1/schedules/${id}`, { as: alice, body: body({ cronExpr: '0 18 * * *' }) });
      expect(await rowsOf(id)).toEqual(['2026-11-28T18:00:00.000Z']);
      api.clock.now = new Date('2026-11-28T13:03:00Z');
      expect((await api.call('DELETE', `/api/v1/schedules/${id}`, { as: alice })).status).toBe(204);
      expect(await rowsOf(id)).toEqual([]);
      const actions = (await auditOf(id)).map((e) => e.action);
      expect(actions).toEqual([
        'schedule.created',
        'schedule.paused',
        'schedule.resumed',
        'schedule.updated',
        'schedule.deleted',
      ]);
      const updated = (await auditOf(id)).find((e) => e.action === 'schedule.updated');
      expect(updated?.diff).toMatchObject({ cronExpr: { from: '*/5 * * * *', to: '0 18 * * *' } });
    } finally {
      api.clock.now = undefined;
    }
  });
});

describe('POST /api/v1/schedules/{id}/trigger', () => {
  it("runs the schedule's report now: 202 {runId}, an ExecutionRequested on the bus, the daily quota applied", async () => {
    const { id } = await create(alice, { parameters: {} });
    const res = await api.call('POST', `/api/v1/schedules/${id}/trigger`, { as: alice });
    expect(res.status, res.text).toBe(202);
    const runId = json(res).runId as string;
    const message = api.published.find((m) => m.messageId === runId);
    expect(message?.body as ExecutionRequested).toMatchObject({
      reportId,
      scheduleId: id,
      trigger: 'manual',
      requestedBy: 'alice',
    });
    api.quotas.execution = () => Promise.reject(quotaExceeded('executions', 1000, 1000, 'standard'));
    const refused = await api.call('POST', `/api/v1/schedules/${id}/trigger`, { as: alice });
    api.quotas.execution = () => Promise.resolve();
    expectError(refused, 403, 'QUOTA_EXCEEDED');
    expect(json(refused).error.details).toMatchObject({ limit: 1000 });
  });

  it('replays the first answer for a repeated Idempotency-Key instead of running twice', async () => {
    const { id } = await create();
    const headers = { 'idempotency-key': `k-${id}` };
    const first = await api.call('POST', `/api/v1/schedules/${id}/trigger`, { as: alice, headers });
    const again = await api.call('POST', `/api/v1/schedules/${id}/trigger`, { as: alice, headers });
    expect(again.json).toEqual(first.json);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(api.published.filter((m) => m.messageId === json(first).runId)).toHaveLength(1);
  });
});
