import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveExpiredAudit } from '../../shared/app/audit/archive-expired-audit';
import type { AuditEvent } from '../../shared/contracts/audit-event';
import { startApiFixture, type ApiFixture, type Caller, admin, creator } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => import('./audit-events.js'));
});
afterAll(() => api.close());

async function seed(tenantId: string, rows: [string, string][]): Promise<AuditEvent[]> {
  const events = rows.map(([timestamp, entityId], i) => ({
    id: `e${i}`,
    tenantId,
    actorId: 'u1',
    action: 'report.updated',
    entityType: 'report',
    entityId,
    timestamp,
    diff: { name: { from: 'a', to: 'b, "c"' } },
  }));
  for (const event of events) await api.deps.repos.audit.append(event);
  return events;
}

const exportAs = (as: Caller, query = '') =>
  api.call('exportAuditEvents', { path: `/api/v1/audit-events/export${query}`, as });
const ndjson = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEvent);

describe('GET /v1/audit-events/export', () => {
  it('streams the range as NDJSON, oldest first, the caller’s tenant only, and records the export', async () => {
    const [tenant, other] = [api.tenant(), api.tenant()];
    const events = await seed(tenant, [
      ['2026-02-01T10:00:00.000Z', 'r1'],
      ['2026-02-02T10:00:00.000Z', 'r2'],
      ['2026-02-03T10:00:00.000Z', 'r3'],
    ]);
    await seed(other, [['2026-02-02T11:00:00.000Z', 'x']]);
    const res = await exportAs(admin(tenant), '?startDate=2026-02-02&endDate=2026-02-03');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-.+\.ndjson"$/);
    expect(ndjson(res.text)).toEqual(events.slice(1));

    const trail = ndjson((await exportAs(admin(tenant), '?startDate=2026-03-01')).text);
    expect(trail[0]).toMatchObject({
      action: 'audit.exported',
      actorId: 'admin',
      diff: { startDate: '2026-02-02', endDate: '2026-02-03', format: 'ndjson' },
    });
  });

  it('writes CSV with quoting, and defuses cells a spreadsheet would run as formulas', async () => {
    const tenant = api.tenant();
    await seed(tenant, [['2026-02-01T10:00:00.000Z', '=HYPERLINK("x")']]);
    const res = await exportAs(admin(tenant), '?endDate=2026-02-01&format=csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text.split('\r\n')).toEqual([
      'id,timestamp,actorId,action,entityType,entityId,diff',
      `e0,2026-02-01T10:00:00.000Z,u1,report.updated,report,"'=HYPERLINK(""x"")","{""name"":{""from"":""a"",""to"":""b, \\""c\\""""}}"`,
      '',
    ]);
  });

  it('covers archived days and recent ones in one ordered stream', async () => {
    const tenant = api.tenant();
    const now = Date.now();
    const dayAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();
    const events = await seed(tenant, [
      [dayAgo(500), 'archived-1'],
      [dayAgo(400), 'archived-2'],
      [dayAgo(2), 'recent'],
    ]);
    await archiveExpiredAudit(api.deps.auditArchive);
    const inTable = await api.deps.repos.audit.list(tenant, { limit: 10 });
    expect(inTable.items.map((e) => e.entityId)).toEqual(['recent']);
    const res = await exportAs(admin(tenant), `?endDate=${dayAgo(1).slice(0, 10)}`);
    expect(ndjson(res.text)).toEqual(events);
  });

  it('is for tenant admins; bad parameters are 400 with the field named', async () => {
    const tenant = api.tenant();
    expect((await exportAs(creator(tenant))).status).toBe(403);
    for (const [query, field] of [
      ['?format=xml', 'format'],
      ['?startDate=yesterday', 'startDate'],
      ['?endDate=2026-13-01', 'endDate'],
      ['?startDate=2026-02-02&endDate=2026-02-01', 'endDate'],
      ['?limit=5', 'limit'],
    ]) {
      const res = await exportAs(admin(tenant), query);
      expect(res.status, query).toBe(400);
      expect(res.json.error.code, query).toBe('VALIDATION_ERROR');
      expect(res.json.error.details.field, query).toBe(field);
    }
  });
});
