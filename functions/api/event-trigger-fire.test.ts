/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- assertions walk parsed JSON */
import { describe, expect, it } from 'vitest';
import {
  useEventTriggerApi,
  admin,
  setUp,
  nowSeconds,
  fire,
  signed,
  published,
} from './testing/event-trigger-fixture';

const api = useEventTriggerApi();

describe('event triggers: POST /v1/triggers/{id}', () => {
  it('a good signature runs the report: 202 {runId}, an ExecutionRequested with trigger "event"', async () => {
    const tenant = api().tenant();
    const { trigger, secret, reportId } = await setUp(admin(tenant));
    const body = '{"parameters":{"minQty":5}}';
    const res = await fire(trigger.id, body, signed(secret, body));
    expect(res.status).toBe(202);
    expect(Object.keys(res.json)).toEqual(['runId']);
    expect(await published(res.json.runId)).toMatchObject({
      tenantId: tenant,
      reportId,
      trigger: 'event',
      parameters: { minQty: 5 },
      requestedBy: `event-trigger:${trigger.id}`,
    });
  });

  it('refuses a bad, expired, future, replayed or missing signature — and an unknown trigger — with 401', async () => {
    const tenant = api().tenant();
    const { trigger, secret } = await setUp(admin(tenant));
    const body = '{"parameters":{"minQty":1}}';
    const reasonOf = async (id: string, b: string, sig: string | undefined) => {
      const res = await fire(id, b, sig);
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHENTICATED');
      return res.json.error.details.reason as string;
    };
    expect(await reasonOf(trigger.id, body, signed('ets_wrong', body))).toBe('bad_signature');
    expect(await reasonOf(trigger.id, '{"parameters":{"minQty":2}}', signed(secret, body))).toBe(
      'bad_signature',
    );
    expect(await reasonOf(trigger.id, body, signed(secret, body, nowSeconds() - 301))).toBe('expired');
    expect(await reasonOf(trigger.id, body, signed(secret, body, nowSeconds() + 301))).toBe('expired');
    expect(await reasonOf(trigger.id, body, undefined)).toBe('missing_signature');
    expect(await reasonOf(trigger.id, body, 'sha256=abc')).toBe('malformed_signature');
    expect(await reasonOf('0190aaaa-0000-7000-8000-000000000000', body, signed(secret, body))).toBe(
      'bad_signature',
    );

    const good = signed(secret, body, nowSeconds() - 250);
    expect((await fire(trigger.id, body, good)).status).toBe(202);
    expect(await reasonOf(trigger.id, body, good)).toBe('replayed');
  });

  it('checks parameters against the report’s declared types, naming the field', async () => {
    const tenant = api().tenant();
    const { trigger, secret } = await setUp(admin(tenant));
    const problem = async (body: string) => {
      const res = await fire(trigger.id, body, signed(secret, body));
      expect(res.status).toBe(400);
      return res.json.error.details;
    };
    expect((await problem('{"parameters":{"minQty":"five"}}')).field).toBe('parameters.minQty');
    expect((await problem('{"parameters":{"minQty":1.5}}')).field).toBe('parameters.minQty');
    expect((await problem('{"parameters":{"minQty":1,"region":"x"}}')).field).toBe('parameters.region');
    expect((await problem('{"parameters":{}}')).issues[0]).toMatchObject({
      field: 'parameters.minQty',
      code: 'required',
    });
    expect((await problem('{"parameters":{"minQty":1},"extra":true}')).field).toBe('extra');
  });

  it('counts each run against the daily execution quota (403 QUOTA_EXCEEDED past it)', async () => {
    const tenant = api().tenant();
    const { trigger, secret } = await setUp(admin(tenant));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const body = `{"parameters":{"minQty":${i + 1}}}`;
      const res = await fire(trigger.id, body, signed(secret, body));
      statuses.push(res.status);
      if (res.status === 403)
        expect(res.json.error).toMatchObject({
          code: 'QUOTA_EXCEEDED',
          details: { limit: 3, resource: 'executions' },
        });
    }
    expect(statuses).toEqual([202, 202, 202, 403]);
  });

  it('a disabled trigger answers 409 once the signature is verified; a deleted one 401', async () => {
    const tenant = api().tenant();
    const { trigger, secret, reportId } = await setUp(admin(tenant));
    const path = `/api/v1/event-triggers/${trigger.id}`;
    await api().call('updateEventTrigger', {
      method: 'PUT',
      path,
      params: { id: trigger.id },
      as: admin(tenant),
      body: { name: 'x', reportId, active: false },
    });
    const body = '{"parameters":{"minQty":1}}';
    expect((await fire(trigger.id, body, signed(secret, body))).status).toBe(409);
    await api().call('deleteEventTrigger', {
      method: 'DELETE',
      path,
      params: { id: trigger.id },
      as: admin(tenant),
    });
    expect((await fire(trigger.id, body, signed(secret, body, nowSeconds() - 1))).status).toBe(401);
  });
});
