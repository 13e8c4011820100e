/* eslint-disable @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/contracts/audit-event';
import { startApiFixture, type ApiFixture, type Caller, admin } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => import('./audit-events.js'));
});
afterAll(() => api.close());

async function seed(tenantId: string) {
  const events: [string, string, string][] = [
    ['2026-01-31T23:59:59.999Z', 'report', 'report.created'],
    ['2026-02-01T00:00:00.000Z', 'report', 'report.updated'],
    ['2026-02-01T12:00:00.000Z', 'delivery_target', 'delivery_target.created'],
    ['2026-02-02T08:00:00.000Z', 'report', 'report.deleted'],
    ['2026-02-03T00:00:00.000Z', 'schedule', 'schedule.created'],
  ];
  for (const [i, [timestamp, entityType, action]] of events.entries()) {
    const event: AuditEvent = {
      id: `e${i}`,
      tenantId,
      actorId: 'u1',
      action,
      entityType,
      entityId: `x${i}`,
      timestamp,
      diff: null,
    };
    await api.deps.repos.audit.append(event);
  }
}

const list = (as: Caller, query = '') =>
  api.call('listAuditEvents', { path: `/api/v1/audit-events${query}`, as });
const ids = (res: { json: { items: { id: string }[] } }) => res.json.items.map((e) => e.id);

describe('GET /v1/audit-events', () => {
  it('is for tenant admins only', async () => {
    const tenant = api.tenant();
    expect((await list({ tenantId: tenant, roles: ['report_creator'] })).status).toBe(403);
    expect((await list({ tenantId: tenant, roles: ['viewer'] })).status).toBe(403);
    expect((await list(admin(tenant))).status).toBe(200);
  });

  it('filters by day or instant (inclusive) and entity type; shows only the caller’s tenant', async () => {
    const [tenant, other] = [api.tenant(), api.tenant()];
    await seed(tenant);
    await seed(other);
    expect(ids(await list(admin(tenant), '?startDate=2026-02-01&endDate=2026-02-01'))).toEqual(['e1', 'e2']);
    expect(
      ids(await list(admin(tenant), '?startDate=2026-02-01T13:00:00%2B01:00&endDate=2026-02-02T08:00:00Z')),
    ).toEqual(['e2', 'e3']);
    expect(ids(await list(admin(tenant), '?endDate=2026-02-02&entityType=report'))).toEqual([
      'e0',
      'e1',
      'e3',
    ]);
    const all = await list(admin(tenant), '?endDate=2026-12-31');
    expect(all.json.items.every((e: AuditEvent) => e.tenantId === tenant)).toBe(true);
    expect(all.json.items.filter((e: AuditEvent) => e.entityType !== 'audit')).toHaveLength(5);
  });

  it('pages with a cursor, filters included', async () => {
    const tenant = api.tenant();
    await seed(tenant);
    const first = await list(admin(tenant), '?entityType=report&limit=2&endDate=2026-12-31');
    expect(ids(first)).toEqual(['e0', 'e1']);
    const next = await list(
      admin(tenant),
      `?entityType=report&limit=2&endDate=2026-12-31&cursor=${first.json.nextCursor}`,
    );
    expect(ids(next)).toEqual(['e3']);
    expect(next.json.nextCursor).toBeNull();
  });

  it('records the export itself, and names bad parameters', async () => {
    const tenant = api.tenant();
    await list(admin(tenant), '?entityType=report');
    const reads = await list(admin(tenant), '?entityType=audit');
    expect(reads.json.items[0]).toMatchObject({
      action: 'audit.read',
      actorId: 'admin',
      diff: { entityType: 'report' },
    });
    for (const [query, field] of [
      ['?startDate=yesterday', 'startDate'],
      ['?startDate=2026-02-02&endDate=2026-02-01', 'endDate'],
      ['?entityType=Report', 'entityType'],
      ['?limit=101', 'limit'],
      ['?tenantId=x', 'tenantId'],
    ]) {
      const res = await list(admin(tenant), query);
      expect(res.status, query).toBe(400);
      expect(res.json.error.details.field, query).toBe(field);
    }
  });

  it('is append-only: other verbs answer 405 with Allow: GET', async () => {
    const tenant = api.tenant();
    for (const [name, method, path] of [
      ['auditEventsReadOnly', 'POST', '/api/v1/audit-events'],
      ['auditEventReadOnly', 'DELETE', '/api/v1/audit-events/e1'],
      ['auditEventReadOnly', 'PUT', '/api/v1/audit-events/e1'],
    ] as const) {
      const res = await api.call(name, { method, path, as: admin(tenant), body: {} });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
      expect(res.json.error.code).toBe('METHOD_NOT_ALLOWED');
    }
  });
});
