/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { admin, creator, startApiFixture, viewer, type ApiFixture, type Caller } from './testing/api-fixture';

// The API over real adapters (Azurite tables).
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => Promise.all([import('./reports.js'), import('./report-versions.js')]));
});
afterAll(() => api.close());

const create = (as: Caller, body: unknown = exampleReportRequest) =>
  api.call('createReport', { method: 'POST', path: '/api/v1/reports', as, body });
const update = (id: string, as: Caller, body: unknown) =>
  api.call('updateReport', { method: 'PUT', path: `/api/v1/reports/${id}`, params: { id }, as, body });
const versions = (id: string, as: Caller, query = '') =>
  api.call('listReportVersions', { path: `/api/v1/reports/${id}/versions${query}`, params: { id }, as });
const version = (id: string, n: string, as: Caller) =>
  api.call('getReportVersion', { path: `/api/v1/reports/${id}/versions/${n}`, params: { id, n }, as });
const restore = (id: string, n: string, as: Caller) =>
  api.call('restoreReportVersion', {
    method: 'POST',
    path: `/api/v1/reports/${id}/versions/${n}/restore`,
    params: { id, n },
    as,
  });

const withTemplate = (body: string) => ({ ...exampleReportRequest, template: { body } });

describe('report versions', () => {
  it('saving a changed query or template writes the next version; other changes do not', async () => {
    const tenant = api.tenant();
    const report = (await create(creator(tenant), withTemplate('<p>one</p>'))).json;
    expect(
      (await update(report.id, creator(tenant), { ...withTemplate('<p>one</p>'), name: 'Renamed' })).status,
    ).toBe(200);
    expect((await update(report.id, creator(tenant), withTemplate('<p>two</p>'))).status).toBe(200);
    const changedSql = {
      ...withTemplate('<p>two</p>'),
      dataSource: { ...exampleReportRequest.dataSource, sql: 'select region from sales', parameters: [] },
    };
    expect((await update(report.id, creator(tenant), changedSql)).status).toBe(200);

    const list = await versions(report.id, viewer(tenant));
    expect(list.status).toBe(200);
    expect(list.json.items.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    expect(list.json.items[0]).toMatchObject({
      reportId: report.id,
      createdBy: 'alice',
      dataSource: { sql: 'select region from sales' },
    });
    expect(list.json.items[0]).not.toHaveProperty('tenantId');
    const first = await version(report.id, '1', viewer(tenant));
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ number: 1, template: { body: '<p>one</p>' } });

    const paged = await versions(report.id, viewer(tenant), '?limit=2');
    expect(paged.json.items).toHaveLength(2);
    const rest = await versions(
      report.id,
      viewer(tenant),
      `?limit=2&cursor=${encodeURIComponent(paged.json.nextCursor)}`,
    );
    expect(rest.json.items.map((v: { number: number }) => v.number)).toEqual([1]);
  });

  it('restoring a version is a new version with its query and template; the report keeps its name', async () => {
    const tenant = api.tenant();
    const report = (await create(creator(tenant), withTemplate('<p>one</p>'))).json;
    await update(report.id, creator(tenant), { ...withTemplate('<p>two</p>'), name: 'Second name' });

    const restored = await restore(report.id, '1', creator(tenant));
    expect(restored.status).toBe(201);
    expect(restored.json).toMatchObject({ number: 3, restoredFrom: 1, template: { body: '<p>one</p>' } });
    const now = await api.call('getReport', {
      path: `/api/v1/reports/${report.id}`,
      params: { id: report.id },
      as: viewer(tenant),
    });
    expect(now.json).toMatchObject({ name: 'Second name', template: { body: '<p>one</p>' } });
    // Restoring the version that is already current is still a new version: history only grows.
    expect((await restore(report.id, '3', admin(tenant))).json).toMatchObject({ number: 4, restoredFrom: 3 });

    const audit = await api.deps.repos.audit.list(tenant, { entityType: 'report', limit: 20 });
    expect(audit.items.map((e) => e.action)).toContain('report.restored');
  });

  it('a viewer may read versions but not restore; unknown versions and bad numbers are clear errors', async () => {
    const tenant = api.tenant();
    const report = (await create(creator(tenant))).json;
    expect((await restore(report.id, '1', viewer(tenant))).status).toBe(403);
    const missing = await version(report.id, '7', viewer(tenant));
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
    for (const bad of ['0', 'x', '1000000']) {
      const res = await version(report.id, bad, viewer(tenant));
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_ERROR');
    }
    expect((await versions('no-such-report', viewer(tenant))).status).toBe(404);
  });

  it("another tenant sees none of a report's versions and cannot restore them", async () => {
    const tenant = api.tenant();
    const other = api.tenant();
    const report = (await create(creator(tenant))).json;
    expect((await versions(report.id, admin(other))).status).toBe(404);
    expect((await version(report.id, '1', admin(other))).status).toBe(404);
    expect((await restore(report.id, '1', admin(other))).status).toBe(404);
    expect((await versions(report.id, viewer(tenant))).json.items).toHaveLength(1);
  });

  it('deleting a report deletes its versions', async () => {
    const tenant = api.tenant();
    const report = (await create(creator(tenant), withTemplate('<p>one</p>'))).json;
    await update(report.id, creator(tenant), withTemplate('<p>two</p>'));
    const removed = await api.call('deleteReport', {
      method: 'DELETE',
      path: `/api/v1/reports/${report.id}`,
      params: { id: report.id },
      as: creator(tenant),
    });
    expect(removed.status).toBe(204);
    const left = await api.deps.repos.reportVersions.list(tenant, { prefix: `${report.id}|`, limit: 10 });
    expect(left.items).toEqual([]);
  });
});
