/* eslint-disable @typescript-eslint/no-unsafe-argument -- assertions walk parsed JSON */
import { describe, expect, it } from 'vitest';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { admin, creator, viewer } from './testing/api-fixture';
import { legacyStoredSchedule } from '../../test/support/schedule-records';
import { useReportsApi, create, byId } from './testing/reports-fixture';

const api = useReportsApi();

describe('reports: who may change what', () => {
  it("another tenant's report is not found, for every verb", async () => {
    const [mine, theirs] = [api().tenant(), api().tenant()];
    const { json } = await create(creator(mine));
    for (const as of [admin(theirs), creator(theirs, 'alice')]) {
      expect((await byId('getReport', 'GET', json.id, as)).status).toBe(404);
      expect((await byId('updateReport', 'PUT', json.id, as, { body: exampleReportRequest })).status).toBe(
        404,
      );
      expect((await byId('deleteReport', 'DELETE', json.id, as)).status).toBe(404);
    }
    expect((await byId('getReport', 'GET', json.id, viewer(mine))).status).toBe(200);
  });

  it('a viewer reads but cannot create, update or delete', async () => {
    const tenant = api().tenant();
    const { json } = await create(admin(tenant));
    expect((await create(viewer(tenant))).status).toBe(403);
    expect(
      (await byId('updateReport', 'PUT', json.id, viewer(tenant), { body: exampleReportRequest })).status,
    ).toBe(403);
    expect((await byId('deleteReport', 'DELETE', json.id, viewer(tenant))).status).toBe(403);
    expect((await byId('getReport', 'GET', json.id, viewer(tenant))).status).toBe(200);
  });

  it('a report creator edits and deletes only its own; a tenant admin any', async () => {
    const tenant = api().tenant();
    const alices = (await create(creator(tenant, 'alice'))).json;
    const renamed = { ...exampleReportRequest, name: 'Renamed' };
    const bob = creator(tenant, 'bob');
    const refused = await byId('updateReport', 'PUT', alices.id, bob, { body: renamed });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    expect((await byId('deleteReport', 'DELETE', alices.id, bob)).status).toBe(403);

    const own = await byId('updateReport', 'PUT', alices.id, creator(tenant, 'alice'), { body: renamed });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ name: 'Renamed', createdBy: 'alice', createdAt: alices.createdAt });
    expect(
      (await byId('updateReport', 'PUT', alices.id, admin(tenant), { body: exampleReportRequest })).status,
    ).toBe(200);
    expect((await byId('deleteReport', 'DELETE', alices.id, admin(tenant))).status).toBe(204);
    expect((await byId('getReport', 'GET', alices.id, admin(tenant))).status).toBe(404);
  });

  it('If-Match: a stale ETag is refused with 412 on PUT and DELETE; the current one passes', async () => {
    const tenant = api().tenant();
    const created = await create(creator(tenant));
    const id = created.json.id as string;
    const first = created.headers.etag!;
    const updated = await byId('updateReport', 'PUT', id, creator(tenant), {
      body: { ...exampleReportRequest, name: 'v2' },
      headers: { 'if-match': first },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).not.toBe(first);
    const stale = await byId('updateReport', 'PUT', id, creator(tenant), {
      body: { ...exampleReportRequest, name: 'v3' },
      headers: { 'if-match': first },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('PRECONDITION_FAILED');
    expect(
      (await byId('deleteReport', 'DELETE', id, creator(tenant), { headers: { 'if-match': first } })).status,
    ).toBe(412);
    expect((await byId('getReport', 'GET', id, viewer(tenant))).json.name).toBe('v2');
    expect(
      (
        await byId('deleteReport', 'DELETE', id, creator(tenant), {
          headers: { 'if-match': updated.headers.etag! },
        })
      ).status,
    ).toBe(204);
  });

  it('refuses to delete a report that schedules or event triggers use, listing them', async () => {
    const tenant = api().tenant();
    const { json } = await create(admin(tenant));
    // A schedule in its stored (pre-rule) form, which every Schedule schema version reads.
    await api().deps.repos.schedules.insert(
      tenant,
      legacyStoredSchedule({ id: 'sched-1', tenantId: tenant, reportId: json.id }) as never,
    );
    const res = await byId('deleteReport', 'DELETE', json.id, admin(tenant));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: 'CONFLICT',
      details: { schedules: ['sched-1'], eventTriggers: [] },
    });
    await api().deps.repos.schedules.remove(tenant, 'sched-1');
    expect((await byId('deleteReport', 'DELETE', json.id, admin(tenant))).status).toBe(204);
  });
});

describe('reports: idempotency and audit', () => {
  it('replays the stored response for the same key and body; another body under that key → 422', async () => {
    const tenant = api().tenant();
    const key = { 'idempotency-key': 'create-sales-1' };
    const first = await create(creator(tenant), exampleReportRequest, key);
    // Same JSON, other key order and spacing: the same request.
    const again = await create(
      creator(tenant),
      JSON.stringify(Object.fromEntries(Object.entries(exampleReportRequest).reverse()), null, 2),
      key,
    );
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.etag).toBe(first.headers.etag);
    const list = await api().call('listReports', { path: '/api/v1/reports', as: viewer(tenant) });
    expect(list.json.items).toHaveLength(1);

    const reused = await create(creator(tenant), { ...exampleReportRequest, name: 'Other' }, key);
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The key is the caller's: another user with the same key is another request.
    expect(
      (await create(creator(tenant, 'bob'), exampleReportRequest, key)).headers['idempotent-replayed'],
    ).toBeUndefined();

    const id = first.json.id as string;
    const del = { 'idempotency-key': 'delete-1' };
    expect((await byId('deleteReport', 'DELETE', id, creator(tenant), { headers: del })).status).toBe(204);
    const replayed = await byId('deleteReport', 'DELETE', id, creator(tenant), { headers: del });
    expect(replayed.status).toBe(204);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect((await byId('deleteReport', 'DELETE', id, creator(tenant))).status).toBe(404);
  });

  it('refuses a malformed Idempotency-Key, naming the header', async () => {
    const tenant = api().tenant();
    for (const bad of ['x'.repeat(256), 'naïve']) {
      const res = await create(creator(tenant), exampleReportRequest, { 'idempotency-key': bad });
      expect(res.status).toBe(400);
      expect(res.json.error.details.field).toBe('Idempotency-Key');
    }
  });

  it('writes an audit event for each mutation, with a bounded diff', async () => {
    const tenant = api().tenant();
    const { json } = await create(creator(tenant));
    const bigTemplate = { body: `<p>${'x'.repeat(10_000)}</p>` };
    await byId('updateReport', 'PUT', json.id, creator(tenant), {
      body: { ...exampleReportRequest, name: 'v2', template: bigTemplate },
    });
    await byId('deleteReport', 'DELETE', json.id, creator(tenant));
    const events = (await api().deps.repos.audit.list(tenant, { entityType: 'report', limit: 10 })).items;
    expect(events.map((e) => [e.action, e.entityId, e.actorId])).toEqual([
      ['report.created', json.id, 'alice'],
      ['report.updated', json.id, 'alice'],
      ['report.deleted', json.id, 'alice'],
    ]);
    expect(events[1]!.diff).toMatchObject({
      name: { from: 'Sales by region', to: 'v2' },
      template: { to: { omitted: true, chars: expect.any(Number), sha256: expect.any(String) } },
    });
    expect(Object.keys(events[1]!.diff!)).toEqual(['name', 'template']);
  });
});
