/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { admin, creator, startApiFixture, viewer, type ApiFixture, type Caller } from './testing/api-fixture';

// The API over real adapters (Azurite tables).
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() =>
    Promise.all([
      import('./reports.js'),
      import('./report-versions.js'),
      import('./schedules.js'),
      import('./schedules-changes.js'),
    ]),
  );
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

const removeVersion = (id: string, n: string, as: Caller, headers: Record<string, string> = {}) =>
  api.call('deleteReportVersion', {
    method: 'DELETE',
    path: `/api/v1/reports/${id}/versions/${n}`,
    params: { id, n },
    as,
    headers,
  });
const schedule = (as: Caller, reportId: string, extra: Record<string, unknown> = {}) =>
  api.call('createSchedule', {
    method: 'POST',
    path: '/api/v1/schedules',
    as,
    body: { reportId, cronExpr: '0 9 * * *', timezone: 'UTC', ...extra },
  });

const withTemplate = (body: string) => ({ ...exampleReportRequest, template: { body } });

/** A report with versions 1..3 (templates one, two, three). */
async function threeVersions(tenant: string) {
  const report = (await create(creator(tenant), withTemplate('<p>one</p>'))).json;
  await update(report.id, creator(tenant), withTemplate('<p>two</p>'));
  await update(report.id, creator(tenant), withTemplate('<p>three</p>'));
  return report as { id: string };
}

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

describe('schedules pinned to a report version', () => {
  it('a schedule follows latest by default, or pins a version that exists; the pin is audited', async () => {
    const tenant = api.tenant();
    const report = await threeVersions(tenant);
    const following = await schedule(creator(tenant), report.id);
    expect(following.status).toBe(201);
    expect(following.json.reportVersion).toBe('latest');
    const pinned = await schedule(creator(tenant), report.id, { reportVersion: 2, name: 'Pinned' });
    expect(pinned.status).toBe(201);
    expect(pinned.json.reportVersion).toBe(2);

    const repinned = await api.call('replaceSchedule', {
      method: 'PUT',
      path: `/api/v1/schedules/${pinned.json.id}`,
      params: { id: pinned.json.id },
      as: creator(tenant),
      body: { reportId: report.id, cronExpr: '0 9 * * *', timezone: 'UTC', reportVersion: 1 },
    });
    expect(repinned.status).toBe(200);
    expect(repinned.json.reportVersion).toBe(1);
    const audit = await api.deps.repos.audit.list(tenant, { entityType: 'schedule', limit: 20 });
    const updated = audit.items.find((e) => e.action === 'schedule.updated');
    expect(updated?.diff).toMatchObject({ reportVersion: { from: 2, to: 1 } });
  });

  it('pinning a version the report does not have is a 400 naming reportVersion', async () => {
    const tenant = api.tenant();
    const report = await threeVersions(tenant);
    const missing = await schedule(creator(tenant), report.id, { reportVersion: 4 });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('VALIDATION_ERROR');
    expect(missing.json.error.details.field).toBe('reportVersion');
    expect(missing.json.error.details.issues[0].code).toBe('not_found');
    for (const bad of [0, 1.5, 'v2', 'newest']) {
      const res = await schedule(creator(tenant), report.id, { reportVersion: bad });
      expect(res.status).toBe(400);
      expect(res.json.error.details.field).toBe('reportVersion');
    }
    // Another tenant's report version is not there either.
    const other = api.tenant();
    const mine = (await create(creator(other))).json;
    expect((await schedule(creator(other), mine.id, { reportVersion: 3 })).status).toBe(400);
  });

  it("a pinned schedule's parameters are checked against the pinned version's", async () => {
    const tenant = api.tenant();
    const report = (await create(creator(tenant))).json;
    const withParam = {
      ...exampleReportRequest,
      dataSource: {
        ...exampleReportRequest.dataSource,
        sql: 'select region from sales where region = $region',
        parameters: [{ name: 'region', type: 'string', required: true }],
      },
    };
    expect((await update(report.id, creator(tenant), withParam)).status).toBe(200);
    expect((await schedule(creator(tenant), report.id, { parameters: { region: 'EU' } })).status).toBe(201);
    const onV1 = await schedule(creator(tenant), report.id, {
      reportVersion: 1,
      parameters: { region: 'EU' },
    });
    expect(onV1.status).toBe(400);
    expect(onV1.json.error.details.field).toBe('parameters.region');
  });
});

describe('deleting a report version', () => {
  it('is refused while schedules pin it, naming every one of them', async () => {
    const tenant = api.tenant();
    const report = await threeVersions(tenant);
    const a = (await schedule(creator(tenant), report.id, { reportVersion: 2, name: 'Morning' })).json;
    const b = (await schedule(admin(tenant), report.id, { reportVersion: 2 })).json;
    await schedule(creator(tenant), report.id, { reportVersion: 1 });
    await schedule(creator(tenant), report.id);

    const refused = await removeVersion(report.id, '2', creator(tenant));
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('CONFLICT');
    expect(refused.json.error.details.reason).toBe('version_pinned');
    const named = refused.json.error.details.schedules as { id: string; name: string | null }[];
    expect(named).toHaveLength(2);
    expect(named).toEqual(
      expect.arrayContaining([
        { id: a.id, name: 'Morning' },
        { id: b.id, name: null },
      ]),
    );
    expect(refused.json.error.message).toMatch(/Morning/);
    expect((await version(report.id, '2', viewer(tenant))).status).toBe(200);
  });

  it('is refused for the latest version, saying why', async () => {
    const tenant = api.tenant();
    const report = await threeVersions(tenant);
    const refused = await removeVersion(report.id, '3', admin(tenant));
    expect(refused.status).toBe(409);
    expect(refused.json.error.details.reason).toBe('latest_version');
    expect(refused.json.error.message).toMatch(/latest/);
  });

  it('an unpinned older version is deleted and audited; If-Match guards it; viewers may not', async () => {
    const tenant = api.tenant();
    const report = await threeVersions(tenant);
    expect((await removeVersion(report.id, '1', viewer(tenant))).status).toBe(403);
    expect((await removeVersion(report.id, '1', creator(tenant, 'bob'))).status).toBe(403);
    const read = await version(report.id, '1', viewer(tenant));
    const etag = read.headers.etag;
    expect(etag).toBeTruthy();
    expect((await removeVersion(report.id, '1', creator(tenant), { 'if-match': '"stale"' })).status).toBe(
      412,
    );

    const removed = await removeVersion(report.id, '1', creator(tenant), { 'if-match': etag! });
    expect(removed.status).toBe(204);
    expect((await version(report.id, '1', viewer(tenant))).status).toBe(404);
    expect((await removeVersion(report.id, '1', creator(tenant))).status).toBe(404);
    const list = await versions(report.id, viewer(tenant));
    expect(list.json.items.map((v: { number: number }) => v.number)).toEqual([3, 2]);
    const audit = await api.deps.repos.audit.list(tenant, { entityType: 'report', limit: 50 });
    const deleted = audit.items.find((e) => e.action === 'report.version_deleted');
    expect(deleted).toMatchObject({ entityId: report.id, actorId: 'alice', diff: { version: { from: 1 } } });
    // The next save still takes the next number, not a deleted one.
    await update(report.id, creator(tenant), withTemplate('<p>four</p>'));
    expect((await versions(report.id, viewer(tenant))).json.items[0].number).toBe(4);
  });

  it("another tenant cannot delete a report's versions (404)", async () => {
    const tenant = api.tenant();
    const report = await threeVersions(tenant);
    const res = await removeVersion(report.id, '1', admin(api.tenant()));
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
    expect((await version(report.id, '1', viewer(tenant))).status).toBe(200);
  });
});
