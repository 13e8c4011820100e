/* eslint-disable @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { capturingLogger } from '../http/testing/http-test-kit';
import { startApiFixture, admin, type ApiFixture, type Caller } from './testing/api-fixture';

const log = capturingLogger();
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(
    () =>
      Promise.all([
        import('./reports.js'),
        import('./schedules.js'),
        import('./schedules-changes.js'),
        import('./schedules-fires.js'),
      ]),
    { overrides: () => ({ logger: log.logger }) },
  );
});
afterAll(() => api.close());

async function addReport(as: Caller) {
  const res = await api.call('createReport', {
    method: 'POST',
    path: '/api/v1/reports',
    as,
    body: exampleReportRequest,
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}
const createSchedule = (as: Caller, body: Record<string, unknown>) =>
  api.call('createSchedule', { method: 'POST', path: '/api/v1/schedules', as, body });
const listSchedules = (as: Caller) => api.call('listSchedules', { path: '/api/v1/schedules', as });

describe('dates at the end of time', () => {
  it('a startAt after which a cron never fires is refused, not stored; the list stays readable', async () => {
    const as = admin(api.tenant());
    const reportId = await addReport(as);
    const res = await createSchedule(as, {
      reportId,
      cronExpr: '0 9 * * *',
      timezone: 'UTC',
      startAt: '9999-12-31T23:59:59Z',
    });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.details.field).toBe('cronExpr');
    const list = await listSchedules(as);
    expect(list.status, list.text).toBe(200);
    expect(list.json.items).toEqual([]);
  });

  it.each([
    ['startAt', { cronExpr: '0 9 * * *', startAt: '0001-01-01T00:00:00Z' }],
    ['startAt', { cronExpr: '0 9 * * *', startAt: '9999-12-31T23:59:59-01:00' }],
    ['endAt', { cronExpr: '0 9 * * *', endAt: '1969-12-31T23:59:59Z' }],
    ['at', { kind: 'once', at: '0999-01-01T00:00' }],
  ])('a date outside 1970–9999 is a 400 naming %s', async (field, rule) => {
    const as = admin(api.tenant());
    const res = await createSchedule(as, { reportId: await addReport(as), timezone: 'UTC', ...rule });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.details.field).toBe(field);
  });

  it('the last fires before 10000 are computed, and then there are none: save, list, next and preview answer', async () => {
    const as = admin(api.tenant());
    const reportId = await addReport(as);
    const once = await createSchedule(as, {
      reportId,
      kind: 'once',
      at: '9999-12-31T23:59:59Z',
      timezone: 'UTC',
    });
    expect(once.status, once.text).toBe(201);
    expect(once.json.nextRunAt).toBe('9999-12-31T23:59:59.000Z');
    const yearly = await createSchedule(as, {
      reportId,
      kind: 'interval',
      every: 'P1Y',
      startAt: '9998-12-31T23:59:59Z',
      timezone: 'UTC',
    });
    expect(yearly.status, yearly.text).toBe(201);
    const id = yearly.json.id as string;
    const next = await api.call('nextScheduleFires', {
      path: `/api/v1/schedules/${id}/next?from=9998-06-01T00:00:00Z&count=5`,
      params: { id },
      as,
    });
    expect(next.status, next.text).toBe(200);
    expect(next.json.items.map((f: { utc: string }) => f.utc)).toEqual([
      '9998-12-31T23:59:59.000Z',
      '9999-12-31T23:59:59.000Z',
    ]);
    const preview = await api.call('previewScheduleFires', {
      path: '/api/v1/schedules/preview?cron=0+9+*+*+*&timezone=Pacific/Kiritimati&from=9999-12-30T00:00:00Z&count=5',
      as,
    });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json.items.map((f: { utc: string }) => f.utc)).toEqual([
      '9999-12-30T19:00:00.000Z',
      '9999-12-31T19:00:00.000Z',
    ]);
    const list = await listSchedules(as);
    expect(list.status, list.text).toBe(200);
    expect(list.json.items).toHaveLength(2);
  });

  it('a schedule stored with a fire past the end of time reads as one without a next fire, and can be deleted', async () => {
    const tenantId = api.tenant();
    const as = admin(tenantId);
    const reportId = await addReport(as);
    const good = await createSchedule(as, { reportId, cronExpr: '0 9 * * *', timezone: 'UTC' });
    expect(good.status, good.text).toBe(201);
    // What the old code stored for a far-future startAt: a six-digit year the schema cannot read as is.
    const stored = (await api.deps.repos.schedules.get(tenantId, good.json.id as string))!.doc;
    await api.deps.repos.schedules.insert(tenantId, {
      ...stored,
      id: 'far-future',
      rule: { ...stored.rule, startAt: '9999-12-31T23:59:59Z' },
      nextRunAt: '+010000-01-01T09:00:00.000Z',
    });

    const list = await listSchedules(as);
    expect(list.status, list.text).toBe(200);
    expect(list.json.items).toContainEqual(
      expect.objectContaining({ id: 'far-future', nextRunAt: null, status: 'completed' }),
    );
    const more = await createSchedule(as, { reportId, cronExpr: '0 10 * * *', timezone: 'UTC' });
    expect(more.status, more.text).toBe(201);
    const removed = await api.call('deleteSchedule', {
      method: 'DELETE',
      path: '/api/v1/schedules/far-future',
      params: { id: 'far-future' },
      as,
    });
    expect(removed.status, removed.text).toBe(204);
  });

  it('a stored row that does not parse at all is skipped and logged; the list, creation and report deletion work', async () => {
    const tenantId = api.tenant();
    const as = admin(tenantId);
    const reportId = await addReport(as);
    const good = await createSchedule(as, { reportId, cronExpr: '0 9 * * *', timezone: 'UTC' });
    expect(good.status, good.text).toBe(201);
    const stored = (await api.deps.repos.schedules.get(tenantId, good.json.id as string))!.doc;
    await api.deps.repos.schedules.insert(tenantId, {
      ...stored,
      id: 'unreadable',
      rule: { kind: 'lunar' } as never,
    });

    const list = await listSchedules(as);
    expect(list.status, list.text).toBe(200);
    expect(list.json.items.map((s: { id: string }) => s.id)).toEqual([good.json.id]);
    expect(log.lines).toContainEqual(
      expect.objectContaining({ tenantId, table: 'schedules', rowKey: 'id|unreadable', level: 'error' }),
    );
    const more = await createSchedule(as, { reportId, cronExpr: '0 10 * * *', timezone: 'UTC' });
    expect(more.status, more.text).toBe(201);
    const other = await addReport(as);
    const removed = await api.call('deleteReport', {
      method: 'DELETE',
      path: `/api/v1/reports/${other}`,
      params: { id: other },
      as,
    });
    expect(removed.status, removed.text).toBe(204);
  });
});
