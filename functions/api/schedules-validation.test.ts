/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectionString } from '../../test/support/storage';
import type { HttpResult } from '../http/testing/http-test-kit';
import { specExampleBody } from './schedules-http';
import { startSchedulesApi, type Caller, type SchedulesApi } from './schedules-test-fixture';

let api: SchedulesApi;
let reportId: string;
const alice: Caller = { tenantId: 'v1', userId: 'alice', roles: ['report_creator'] };
beforeAll(async () => {
  api = await startSchedulesApi(testConnectionString());
  const report = await api.addReport('v1', {
    dataSource: {
      connectionId: 'demo',
      sql: 'select 1',
      parameters: [
        { name: 'region', type: 'string', required: true },
        { name: 'minQty', type: 'integer', required: false, default: 1 },
      ],
    },
  });
  reportId = report.id;
  await api.addReport('other-tenant');
});
afterAll(() => api.close());

const json = (res: HttpResult) => res.json as Record<string, any>;
const post = (payload: unknown) => api.call('POST', '/api/v1/schedules', { as: alice, body: payload });
const valid = {
  reportId: '',
  cronExpr: '0 9 * * 1-5',
  timezone: 'Europe/Berlin',
  parameters: { region: 'EU' },
};
const withReport = (o: Record<string, unknown> = {}) => ({ ...valid, reportId, ...o });

describe('schedule bodies that are wrong: 400 VALIDATION_ERROR naming the field', () => {
  const cases: [string, () => unknown, string, RegExp?][] = [
    ['an unknown top-level field', () => withReport({ cronExp: '* * * * *' }), 'cronExp', /Unknown field/],
    [
      'an unknown nested field',
      () => withReport({ emailDelivery: { enabled: false, cc: [] } }),
      'emailDelivery.cc',
    ],
    [
      'a recipient that is not an email',
      () => withReport({ emailDelivery: { enabled: true, recipients: ['a@example.com', 'nope'] } }),
      'emailDelivery.recipients[1]',
    ],
    [
      'email enabled without recipients',
      () => withReport({ emailDelivery: { enabled: true } }),
      'emailDelivery.recipients',
    ],
    [
      'a template that does not parse',
      () => withReport({ emailDelivery: { enabled: false, bodyTemplate: 'Hi {{ name' } }),
      'emailDelivery.bodyTemplate',
    ],
    [
      'a cron field out of range',
      () => withReport({ cronExpr: '0 25 * * *' }),
      'cronExpr',
      /hour field "25"/,
    ],
    ['a cron with 4 fields', () => withReport({ cronExpr: '0 9 * *' }), 'cronExpr', /expected 5 fields/],
    ['a zone that does not exist', () => withReport({ timezone: 'Mars/Base' }), 'timezone', /IANA/],
    ['an unknown kind', () => withReport({ kind: 'hourly' }), 'kind', /cron, interval, calendar or once/],
    [
      'an interval under a minute',
      () => withReport({ cronExpr: undefined, kind: 'interval', every: 'PT30S' }),
      'every',
      /at least 1 minute/,
    ],
    ['interval fields on a cron', () => withReport({ every: 'PT1H' }), 'every', /Unknown field/],
    [
      'endAt before startAt',
      () => withReport({ startAt: '2027-01-02T00:00:00Z', endAt: '2027-01-01T00:00:00Z' }),
      'endAt',
    ],
    [
      'an endAt already past',
      () => withReport({ endAt: '2020-01-01T00:00:00Z' }),
      'endAt',
      /no fire time after now/,
    ],
    [
      'a once in the past',
      () => withReport({ cronExpr: undefined, kind: 'once', at: '2020-01-01T09:00' }),
      'at',
    ],
    [
      'fire_all without its cap',
      () => withReport({ misfirePolicy: { kind: 'fire_all', window: 'PT1H' } }),
      'misfirePolicy.cap',
    ],
    [
      'a misfire window in months',
      () => withReport({ misfirePolicy: { kind: 'fire_once', window: 'P1M' } }),
      'misfirePolicy.window',
    ],
    [
      'a report of another tenant',
      () => withReport({ reportId: 'rep-of-someone-else' }),
      'reportId',
      /names no report/,
    ],
    [
      'a parameter the report does not have',
      () => withReport({ parameters: { region: 'EU', regoin: 'x' } }),
      'parameters.regoin',
    ],
    [
      'a parameter of the wrong type',
      () => withReport({ parameters: { region: 'EU', minQty: 'five' } }),
      'parameters.minQty',
      /integer/,
    ],
    ['a required parameter missing', () => withReport({ parameters: {} }), 'parameters.region', /required/],
    [
      'a holiday calendar that does not exist',
      () => ({
        reportId,
        kind: 'calendar',
        time: '09:00',
        on: { type: 'last_business_day' },
        holidayCalendarIds: ['nope'],
        parameters: { region: 'EU' },
      }),
      'holidayCalendarIds[0]',
    ],
    [
      'a condition that does not parse',
      () => withReport({ condition: 'rowCount >' }),
      'condition',
      /The condition ends too early.*e\.g\. `rowCount > 0`/,
    ],
    [
      'a condition reading a bare column',
      () => withReport({ condition: 'amount > 5' }),
      'condition',
      /reads "amount", which is not rowCount, changed or an aggregate.*sum\(amount\)/,
    ],
    [
      'a condition that is not a test',
      () => withReport({ condition: 'rowCount + 1' }),
      'condition',
      /not a test/,
    ],
    [
      'an nth business day beyond 23',
      () => ({ reportId, kind: 'calendar', time: '09:00', on: { type: 'nth_business_day', nth: 30 } }),
      'on.nth',
    ],
  ];

  it.each(cases)('%s', async (_name, payload, field, message) => {
    const res = await post(payload());
    expect(res.status, res.text).toBe(400);
    const error = json(res).error;
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details.field).toBe(field);
    if (message) expect(error.message).toMatch(message);
  });

  it('accepts the design document example body with its placeholder replaced, and nothing is stored for a refused one', async () => {
    const noParams = await api.addReport('v1');
    expect((await post({ ...specExampleBody, reportId: noParams.id })).status).toBe(201);
    const before = (await api.repos.schedules.list('v1', { limit: 100 })).items.length;
    await post(withReport({ cronExpr: 'nonsense' }));
    expect((await api.repos.schedules.list('v1', { limit: 100 })).items.length).toBe(before);
  });

  it('keeps a valid condition as written and shows it; an empty one means always send', async () => {
    const saved = await post(withReport({ condition: '  sum(amount) > 100000 and changed ' }));
    expect(saved.status, saved.text).toBe(201);
    expect(json(saved).condition).toBe('sum(amount) > 100000 and changed');
    const none = await post(withReport({ condition: '' }));
    expect(json(none).condition).toBeNull();
  });
});

describe('schedule kinds', () => {
  it('anchors an interval without startAt at the next whole minute', async () => {
    api.clock.now = new Date('2026-11-28T12:00:20Z');
    const res = await post(withReport({ cronExpr: undefined, kind: 'interval', every: 'PT15M' }));
    api.clock.now = undefined;
    expect(json(res)).toMatchObject({
      kind: 'interval',
      every: 'PT15M',
      startAt: '2026-11-28T12:01:00.000Z',
      nextRunAt: '2026-11-28T12:01:00.000Z',
    });
  });

  it('skips holidays for business-day rules, in GET /next too', async () => {
    const at = new Date().toISOString();
    await api.repos.holidayCalendars.insert('v1', {
      id: 'de-2027',
      tenantId: 'v1',
      name: 'DE',
      dates: ['2027-04-30'],
      createdBy: 'alice',
      createdAt: at,
      updatedAt: at,
    });
    api.clock.now = new Date('2027-03-15T00:00:00Z');
    const res = await post({
      reportId,
      kind: 'calendar',
      time: '18:00',
      on: { type: 'last_business_day' },
      holidayCalendarIds: ['de-2027'],
      timezone: 'Europe/Berlin',
      parameters: { region: 'EU' },
    });
    expect(res.status, res.text).toBe(201);
    const next = await api.call('GET', `/api/v1/schedules/${json(res).id}/next?count=3`, { as: alice });
    api.clock.now = undefined;
    expect(json(next).items.map((f: { local: string }) => f.local)).toEqual([
      '2027-03-31T18:00:00+02:00',
      '2027-04-29T18:00:00+02:00', // 30 April (Friday) is a holiday
      '2027-05-31T18:00:00+02:00',
    ]);
  });

  it('takes the nth weekday of the month and a once at a local time', async () => {
    api.clock.now = new Date('2027-01-01T00:00:00Z');
    const nth = await post({
      reportId,
      kind: 'calendar',
      time: '08:30',
      on: { type: 'nth_weekday', nth: 2, weekday: 'tue' },
      timezone: 'America/Chicago',
      parameters: { region: 'US' },
    });
    const once = await post({
      reportId,
      kind: 'once',
      at: '2027-03-14T02:30',
      timezone: 'America/New_York',
      parameters: { region: 'US' },
    });
    api.clock.now = undefined;
    expect(json(nth).nextRunAt).toBe('2027-01-12T14:30:00.000Z');
    expect(json(once).nextRunAt).toBe('2027-03-14T07:30:00.000Z'); // 02:30 does not exist that night: 03:30 EDT
  });
});

describe('GET /api/v1/schedules/preview', () => {
  it('lists fires across a DST change, marking the ones a DST rule moved', async () => {
    const query = new URLSearchParams({
      cron: '30 2 * * *',
      timezone: 'America/New_York',
      from: '2026-03-07T12:00:00Z',
      count: '3',
    });
    const res = await api.call('GET', `/api/v1/schedules/preview?${query.toString()}`, { as: alice });
    expect(res.status, res.text).toBe(200);
    expect(json(res).items).toEqual([
      { utc: '2026-03-08T07:30:00.000Z', local: '2026-03-08T03:30:00-04:00', dstAdjusted: 'shifted_forward' },
      { utc: '2026-03-09T06:30:00.000Z', local: '2026-03-09T02:30:00-04:00' },
      { utc: '2026-03-10T06:30:00.000Z', local: '2026-03-10T02:30:00-04:00' },
    ]);
    const fallBack = new URLSearchParams({
      cron: '30 1 * * *',
      timezone: 'Europe/London',
      from: '2026-10-24T12:00:00Z',
      count: '2',
    });
    const autumn = await api.call('GET', `/api/v1/schedules/preview?${fallBack.toString()}`, { as: alice });
    expect(json(autumn).items[0]).toEqual({
      utc: '2026-10-25T00:30:00.000Z',
      local: '2026-10-25T01:30:00+01:00',
    });
  });

  it('refuses a count above 100, a bad cron and an unknown parameter, naming each', async () => {
    for (const [query, field] of [
      ['cron=0+9+*+*+*&count=101', 'count'],
      ['cron=0+9+*+*+8', 'cron'],
      ['cron=0+9+*+*+*&tz=UTC', 'tz'],
    ] as const) {
      const res = await api.call('GET', `/api/v1/schedules/preview?${query}`, { as: alice });
      expect(res.status, res.text).toBe(400);
      expect(json(res).error.details.field).toBe(field);
    }
  });
});
