/* eslint-disable @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecord, DeliveryStatus } from '../../shared/contracts/delivery';
import { emailDelivery } from '../../shared/app/deliveries/testing/delivery-records';
import type { OutgoingMessage } from '../../shared/ports/message-bus';
import { testId } from '../../test/support/run-deps';
import { startApiFixture, type ApiFixture, type Caller, admin, viewer } from './testing/api-fixture';

const published: Array<{ queue: string; message: OutgoingMessage }> = [];
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => import('./deliveries.js'), {
    overrides: () => ({
      bus: {
        publish: (queue, message) => {
          published.push({ queue, message });
          return Promise.resolve();
        },
        ping: () => Promise.resolve(),
      },
    }),
  });
});
afterAll(() => api.close());

async function seed(tenantId: string, status: DeliveryStatus, runId = testId(), artifactId = testId()) {
  const now = new Date().toISOString();
  const record = emailDelivery({
    id: testId(),
    tenantId,
    runId,
    reportId: testId(),
    artifactIds: [artifactId],
    recipient: 'ana@example.com',
    status,
    attempts: status === 'pending' ? 0 : 5,
    createdAt: now,
    firstAttemptAt: status === 'pending' ? null : now,
    lastAttemptAt: status === 'pending' ? null : now,
    sentAt: status === 'sent' ? now : null,
    latencyMs: status === 'sent' ? 1200 : null,
    statusCode: status === 'dead' ? 503 : null,
    error: status === 'dead' ? { code: 'HTTP_503', message: 'receiver answered 503' } : null,
  });

  await api.deps.deliveries.ledger.insert(tenantId, record);
  return record;
}

const redrive = (id: string, as: Caller, headers: Record<string, string> = {}) =>
  api.call('redriveDelivery', {
    method: 'POST',
    path: `/api/v1/deliveries/${id}/redrive`,
    params: { id },
    as,
    headers,
  });

describe('deliveries API', () => {
  it('lists the dead letters with status=dead, and by run', async () => {
    const tenant = api.tenant();
    const dead = await seed(tenant, 'dead');
    const sent = await seed(tenant, 'sent', dead.runId);
    const res = await api.call('listDeliveries', { path: '/api/v1/deliveries', as: viewer(tenant) });
    expect(res.status).toBe(200);
    expect(res.json.items.map((d: DeliveryRecord) => d.id).sort()).toEqual([dead.id, sent.id].sort());
    const deadOnly = await api.call('listDeliveries', {
      path: '/api/v1/deliveries?status=dead',
      as: viewer(tenant),
    });
    expect(deadOnly.json.items.map((d: DeliveryRecord) => d.id)).toEqual([dead.id]);
    const byRun = await api.call('listDeliveries', {
      path: `/api/v1/deliveries?runId=${dead.runId}&status=sent`,
      as: viewer(tenant),
    });
    expect(byRun.json.items.map((d: DeliveryRecord) => d.id)).toEqual([sent.id]);
  });

  it("answers 404 for another tenant's delivery", async () => {
    const record = await seed(api.tenant(), 'dead');
    const other = api.tenant();
    const res = await api.call('getDelivery', {
      path: `/api/v1/deliveries/${record.id}`,
      params: { id: record.id },
      as: viewer(other),
    });
    expect(res.status).toBe(404);
    expect((await redrive(record.id, admin(other))).status).toBe(404);
    const mine = await api.call('getDelivery', {
      path: `/api/v1/deliveries/${record.id}`,
      params: { id: record.id },
      as: viewer(record.tenantId),
    });
    expect(mine.json).toMatchObject({ id: record.id, status: 'dead', attempts: 5 });
  });

  it('redrives a dead delivery once: pending, a redrive message, an audit event; viewers may not', async () => {
    const tenant = api.tenant();
    const record = await seed(tenant, 'dead');
    expect((await redrive(record.id, viewer(tenant))).status).toBe(403);
    const res = await redrive(record.id, admin(tenant), { 'Idempotency-Key': 'k1' });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ deliveryId: record.id, redrive: 1, status: 'pending' });
    const replay = await redrive(record.id, admin(tenant), { 'Idempotency-Key': 'k1' });
    expect(replay.status).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const mine = published.filter((p) => (p.message.body as { deliveryId: string }).deliveryId === record.id);
    expect(mine).toEqual([
      {
        queue: 'delivery-redrives',
        message: {
          messageId: `${record.id}:1`,
          body: { tenantId: tenant, deliveryId: record.id, redrive: 1 },
        },
      },
    ]);
    expect((await api.deps.deliveries.ledger.get(tenant, record.id))!.doc).toMatchObject({
      status: 'pending',
      redrives: 1,
    });
    // Now pending: a second redrive (without the key) is refused.
    expect((await redrive(record.id, admin(tenant))).status).toBe(409);
    const audit = await api.deps.repos.audit.list(tenant, { entityType: 'delivery', limit: 10 });
    expect(audit.items).toEqual([
      expect.objectContaining({ action: 'delivery.redriven', entityId: record.id, actorId: 'admin' }),
    ]);
  });

  it('refuses to redrive a sent delivery (409)', async () => {
    const tenant = api.tenant();
    const record = await seed(tenant, 'sent');
    const res = await redrive(record.id, admin(tenant));
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('CONFLICT');
  });

  it('lists receipts by artifact and by run; an unknown artifact is 404', async () => {
    const tenant = api.tenant();
    const record = await seed(tenant, 'sent');
    const now = new Date().toISOString();
    await api.deps.repos.artifacts.insert(tenant, {
      id: record.artifactIds[0]!,
      tenantId: tenant,
      runId: record.runId,
      reportId: record.reportId,
      format: 'csv',
      contentType: 'text/csv',
      bytes: 3,
      checksum: 'a'.repeat(64),
      blobName: `tenants/${tenant}/x.csv`,
      fileName: 'x.csv',
      createdAt: now,
      expiresAt: now,
    });
    const res = await api.call('listDeliveryReceipts', {
      path: `/api/v1/delivery-receipts?artifactId=${record.artifactIds[0]}`,
      as: viewer(tenant),
    });
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([
      expect.objectContaining({
        id: record.id,
        channel: 'email',
        recipient: 'ana@example.com',
        status: 'sent',
        attempts: 5,
        latencyMs: 1200,
        errorMessage: null,
      }),
    ]);
    const byRun = await api.call('listDeliveryReceipts', {
      path: `/api/v1/delivery-receipts?runId=${record.runId}`,
      as: viewer(tenant),
    });
    expect(byRun.json.items).toHaveLength(1);
    const unknown = await api.call('listDeliveryReceipts', {
      path: `/api/v1/delivery-receipts?artifactId=${testId()}`,
      as: viewer(tenant),
    });
    expect(unknown.status).toBe(404);
    const otherTenant = await api.call('listDeliveryReceipts', {
      path: `/api/v1/delivery-receipts?artifactId=${record.artifactIds[0]}`,
      as: viewer(api.tenant()),
    });
    expect(otherTenant.status).toBe(404);
  });
});
