/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { describe, expect, it } from 'vitest';
import { createTableService } from '../../shared/adapters/table/table-service';
import { testConnectionString } from '../../test/support/storage';
import {
  useEventTriggerApi,
  admin,
  creator,
  viewer,
  reportBody,
  setUp,
  fire,
  signed,
} from './testing/event-trigger-fixture';

const api = useEventTriggerApi();

describe('event triggers: resources', () => {
  it('answers the secret once, on create; never on read, list or update, and never stores it in the clear', async () => {
    const tenant = api().tenant();
    const { trigger, secret, reportId } = await setUp(creator(tenant));
    expect(secret).toMatch(/^ets_[A-Za-z0-9_-]{43}$/);
    expect(trigger).toMatchObject({
      name: 'Orders closed',
      reportId,
      active: true,
      createdBy: 'alice',
      url: `https://scheduler.example.test/api/v1/triggers/${trigger.id}`,
    });
    const get = await api().call('getEventTrigger', {
      path: `/api/v1/event-triggers/${trigger.id}`,
      params: { id: trigger.id },
      as: viewer(tenant),
    });
    const list = await api().call('listEventTriggers', {
      path: `/api/v1/event-triggers?reportId=${reportId}`,
      as: viewer(tenant),
    });
    const put = await api().call('updateEventTrigger', {
      method: 'PUT',
      path: `/api/v1/event-triggers/${trigger.id}`,
      params: { id: trigger.id },
      as: creator(tenant),
      body: { name: 'Renamed', reportId },
    });
    expect(put.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    for (const res of [get, list, put]) {
      expect(res.text).not.toContain(secret);
      expect(res.text).not.toMatch(/"secret"/);
    }
    const row = await (
      await createTableService({ connectionString: testConnectionString() }).table('eventtriggers')
    ).getEntity(tenant, `id|${trigger.id}`);
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
    const audit = await api().deps.repos.audit.list(tenant, { entityType: 'event_trigger', limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual(['event_trigger.created', 'event_trigger.updated']);
    expect(JSON.stringify(audit.items)).not.toMatch(/secret"|"sealed|"data"/);
  });

  it('rotating the secret answers a new one; the old one stops working', async () => {
    const tenant = api().tenant();
    const { trigger, secret } = await setUp(admin(tenant));
    const rotated = await api().call('rotateEventTriggerSecret', {
      method: 'POST',
      path: `/api/v1/event-triggers/${trigger.id}/rotate-secret`,
      params: { id: trigger.id },
      as: admin(tenant),
    });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(secret);
    const body = '{"parameters":{"minQty":1}}';
    expect((await fire(trigger.id, body, signed(secret, body))).status).toBe(401);
    expect((await fire(trigger.id, body, signed(rotated.json.secret, body))).status).toBe(202);
    const audit = await api().deps.repos.audit.list(tenant, { entityType: 'event_trigger', limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual([
      'event_trigger.created',
      'event_trigger.secret_rotated',
    ]);
    expect(Object.keys(audit.items[1]!.diff!)).toEqual(['secretRotatedAt']);
  });

  it('replays an idempotent create with the same secret, kept sealed meanwhile', async () => {
    const tenant = api().tenant();
    const report = await api().call('createReport', {
      method: 'POST',
      path: '/api/v1/reports',
      as: admin(tenant),
      body: reportBody,
    });
    const create = () =>
      api().call('createEventTrigger', {
        method: 'POST',
        path: '/api/v1/event-triggers',
        as: admin(tenant),
        body: { name: 'Once', reportId: report.json.id },
        headers: { 'idempotency-key': 'trigger-1' },
      });
    const first = await create();
    const again = await create();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json).toEqual(first.json);
    const rows = (
      await createTableService({ connectionString: testConnectionString() }).table('idempotencykeys')
    ).listEntities({ queryOptions: { filter: `PartitionKey eq '${tenant}'` } });
    for await (const row of rows) expect(JSON.stringify(row)).not.toContain(first.json.secret.slice(4, 20));
  });

  it("another tenant's trigger is not found; a viewer cannot mutate; a creator changes only its own", async () => {
    const [tenant, other] = [api().tenant(), api().tenant()];
    const { trigger, reportId } = await setUp(creator(tenant, 'alice'));
    const path = `/api/v1/event-triggers/${trigger.id}`;
    const params = { id: trigger.id };
    expect((await api().call('getEventTrigger', { path, params, as: admin(other) })).status).toBe(404);
    expect(
      (await api().call('deleteEventTrigger', { method: 'DELETE', path, params, as: admin(other) })).status,
    ).toBe(404);
    expect(
      (
        await api().call('rotateEventTriggerSecret', {
          method: 'POST',
          path: `${path}/rotate-secret`,
          params,
          as: admin(other),
        })
      ).status,
    ).toBe(404);
    expect(
      (await api().call('deleteEventTrigger', { method: 'DELETE', path, params, as: viewer(tenant) })).status,
    ).toBe(403);
    expect(
      (
        await api().call('createEventTrigger', {
          method: 'POST',
          path: '/api/v1/event-triggers',
          as: viewer(tenant),
          body: { name: 'x', reportId },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api().call('deleteEventTrigger', { method: 'DELETE', path, params, as: creator(tenant, 'bob') }))
        .status,
    ).toBe(403);
    const stale = await api().call('updateEventTrigger', {
      method: 'PUT',
      path,
      params,
      as: creator(tenant, 'alice'),
      body: { name: 'x', reportId },
      headers: { 'if-match': 'W/"datetime\'2020-01-01T00%3A00%3A00Z\'"' },
    });
    expect(stale.status).toBe(412);
    const missingReport = await api().call('createEventTrigger', {
      method: 'POST',
      path: '/api/v1/event-triggers',
      as: admin(tenant),
      body: { name: 'x', reportId: 'nope' },
    });
    expect(missingReport.json.error.details.field).toBe('reportId');
    // A report with a trigger cannot be deleted.
    const del = await api().call('deleteReport', {
      method: 'DELETE',
      path: `/api/v1/reports/${reportId}`,
      params: { id: reportId },
      as: admin(tenant),
    });
    expect(del.status).toBe(409);
    expect(del.json.error.details.eventTriggers).toEqual([trigger.id]);
    expect(
      (
        await api().call('deleteEventTrigger', {
          method: 'DELETE',
          path,
          params,
          as: creator(tenant, 'alice'),
        })
      ).status,
    ).toBe(204);
  });
});
