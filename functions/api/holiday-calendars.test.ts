/* eslint-disable @typescript-eslint/no-unsafe-argument -- assertions walk parsed JSON */
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
  api = await startApiFixture(() => import('./holiday-calendars.js'));
});
afterAll(() => api.close());

const body = { name: 'Holidays 2026', dates: ['2026-12-25', '2026-01-01', '2026-12-25', '2026-07-03'] };
const create = (as: Caller, b: unknown = body, headers: Record<string, string> = {}) =>
  api.call('createHolidayCalendar', {
    method: 'POST',
    path: '/api/v1/holiday-calendars',
    as,
    body: b,
    headers,
  });
const byId = byIdOf(() => api, 'holiday-calendars');

describe('holiday calendars', () => {
  it('stores the dates sorted and once each; reads and lists them', async () => {
    const tenant = api.tenant();
    const res = await create(creator(tenant));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: 'Holidays 2026',
      dates: ['2026-01-01', '2026-07-03', '2026-12-25'],
      tenantId: tenant,
      createdBy: 'alice',
    });
    const got = await byId('getHolidayCalendar', 'GET', res.json.id, viewer(tenant));
    expect(got.json).toEqual(res.json);
    expect(got.headers.etag).toBe(res.headers.etag);
    const list = await api.call('listHolidayCalendars', {
      path: '/api/v1/holiday-calendars',
      as: viewer(tenant),
    });
    expect(list.json.items).toEqual([res.json]);
  });

  it('names the offending date or field', async () => {
    const tenant = api.tenant();
    for (const [dates, field] of [
      [['2026-01-01', '2026-02-30'], 'dates[1]'],
      [['2026-1-5'], 'dates[0]'],
      [['2026-01-01T00:00:00Z'], 'dates[0]'],
    ] as const) {
      const res = await create(creator(tenant), { name: 'x', dates });
      expect(res.status).toBe(400);
      expect(res.json.error.details.field).toBe(field);
    }
    expect((await create(creator(tenant), { ...body, tenantId: 'x' })).json.error.details.field).toBe(
      'tenantId',
    );
  });

  it("another tenant's calendar is not found; a viewer cannot mutate; a creator changes only its own", async () => {
    const [tenant, other] = [api.tenant(), api.tenant()];
    const { json } = await create(creator(tenant, 'alice'));
    for (const [name, method] of [
      ['getHolidayCalendar', 'GET'],
      ['updateHolidayCalendar', 'PUT'],
      ['deleteHolidayCalendar', 'DELETE'],
    ] as const)
      expect((await byId(name, method, json.id, admin(other), method === 'PUT' ? { body } : {})).status).toBe(
        404,
      );
    expect((await create(viewer(tenant))).status).toBe(403);
    expect((await byId('updateHolidayCalendar', 'PUT', json.id, viewer(tenant), { body })).status).toBe(403);
    expect((await byId('deleteHolidayCalendar', 'DELETE', json.id, viewer(tenant))).status).toBe(403);
    expect(
      (await byId('updateHolidayCalendar', 'PUT', json.id, creator(tenant, 'bob'), { body })).status,
    ).toBe(403);
    expect((await byId('deleteHolidayCalendar', 'DELETE', json.id, creator(tenant, 'bob'))).status).toBe(403);
    const own = await byId('updateHolidayCalendar', 'PUT', json.id, creator(tenant, 'alice'), {
      body: { name: 'New', dates: ['2027-01-01'] },
    });
    expect(own.json).toMatchObject({ name: 'New', dates: ['2027-01-01'], createdBy: 'alice' });
    expect((await byId('deleteHolidayCalendar', 'DELETE', json.id, admin(tenant))).status).toBe(204);
  });

  it('If-Match stale → 412; idempotent replays; audit for each mutation', async () => {
    const tenant = api.tenant();
    const key = { 'idempotency-key': 'cal-1' };
    const first = await create(admin(tenant), body, key);
    const again = await create(admin(tenant), body, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json).toEqual(first.json);
    expect((await create(admin(tenant), { ...body, name: 'Other' }, key)).status).toBe(422);

    const id = first.json.id as string;
    const updated = await byId('updateHolidayCalendar', 'PUT', id, admin(tenant), {
      body: { ...body, name: 'v2' },
      headers: { 'if-match': first.headers.etag! },
    });
    expect(updated.status).toBe(200);
    expect(
      (
        await byId('updateHolidayCalendar', 'PUT', id, admin(tenant), {
          body,
          headers: { 'if-match': first.headers.etag! },
        })
      ).status,
    ).toBe(412);
    expect(
      (
        await byId('deleteHolidayCalendar', 'DELETE', id, admin(tenant), {
          headers: { 'if-match': first.headers.etag! },
        })
      ).status,
    ).toBe(412);
    expect(
      (
        await byId('deleteHolidayCalendar', 'DELETE', id, admin(tenant), {
          headers: { 'if-match': updated.headers.etag! },
        })
      ).status,
    ).toBe(204);

    const events = (await api.deps.repos.audit.list(tenant, { entityType: 'holiday_calendar', limit: 10 }))
      .items;
    expect(events.map((e) => e.action)).toEqual([
      'holiday_calendar.created',
      'holiday_calendar.updated',
      'holiday_calendar.deleted',
    ]);
    expect(events[1]!.diff).toEqual({ name: { from: 'Holidays 2026', to: 'v2' } });
  });

  it('refuses to delete a calendar that a schedule uses, listing it', async () => {
    const tenant = api.tenant();
    const { json } = await create(admin(tenant));
    await api.deps.repos.schedules.insert(
      tenant,
      legacyStoredSchedule({
        id: 'biz-days',
        tenantId: tenant,
        reportId: 'r1',
        cronExpr: '0 9 * * 1-5',
        holidayCalendarIds: [json.id],
      }) as never,
    );
    const res = await byId('deleteHolidayCalendar', 'DELETE', json.id, admin(tenant));
    expect(res.status).toBe(409);
    expect(res.json.error.details).toEqual({ schedules: ['biz-days'] });
  });
});
