/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectionString } from '../../test/support/storage';
import type { DeliveryTarget } from '../../shared/contracts/delivery-target';
import type { HttpResult } from '../http/testing/http-test-kit';
import { startSchedulesApi, type Caller, type SchedulesApi } from './schedules-test-fixture';

let api: SchedulesApi;
let reportId: string;
const alice: Caller = { tenantId: 'dt1', userId: 'alice', roles: ['report_creator'] };

async function addTarget(tenantId: string, id: string, active = true): Promise<void> {
  const at = new Date().toISOString();
  const target: DeliveryTarget = {
    id,
    tenantId,
    type: 'link',
    name: `Link ${id}`,
    active,
    config: { expiresInHours: 24 },
    createdBy: 'someone',
    createdAt: at,
    updatedAt: at,
  };
  await api.repos.deliveryTargets.insert(tenantId, target);
}

beforeAll(async () => {
  api = await startSchedulesApi(testConnectionString());
  reportId = (await api.addReport('dt1')).id;
  await addTarget('dt1', 'mine-a');
  await addTarget('dt1', 'mine-off', false);
  await addTarget('dt2', 'theirs');
});
afterAll(() => api.close());

const json = (res: HttpResult) => res.json as Record<string, any>;
const body = (deliveryTargetIds: string[]) => ({
  reportId,
  cronExpr: '0 9 * * *',
  timezone: 'UTC',
  deliveryTargetIds,
});
const post = (ids: string[]) => api.call('POST', '/api/v1/schedules', { as: alice, body: body(ids) });
const stored = async () => (await api.repos.schedules.list('dt1', { limit: 100 })).items.length;
function expectRefused(res: HttpResult, field: string): Record<string, any> {
  expect(res.status, res.text).toBe(400);
  const error = json(res).error;
  expect(error.code).toBe('VALIDATION_ERROR');
  expect(error.details.field).toBe(field);
  return error;
}

describe('deliveryTargetIds: each must name a delivery target of the caller’s tenant', () => {
  it('stores targets of the tenant, inactive ones too', async () => {
    const res = await post(['mine-a', 'mine-off']);
    expect(res.status, res.text).toBe(201);
    expect(json(res).deliveryTargetIds).toEqual(['mine-a', 'mine-off']);
    const doc = await api.repos.schedules.get('dt1', json(res).id);
    expect(doc?.doc.deliveryTargetIds).toEqual(['mine-a', 'mine-off']);
  });

  it('refuses a missing target with 400 naming its index, and stores nothing', async () => {
    const before = await stored();
    const error = expectRefused(await post(['mine-a', 'no-such-target']), 'deliveryTargetIds[1]');
    expect(error.message).toMatch(/names no delivery target of your tenant \(no-such-target\)/);
    expect(await stored()).toBe(before);
  });

  it('answers another tenant’s target exactly as a missing one', async () => {
    const missing = expectRefused(await post(['nope-123']), 'deliveryTargetIds[0]');
    const foreign = expectRefused(await post(['theirs']), 'deliveryTargetIds[0]');
    const strip = ({ requestId: _r, timestamp: _t, ...e }: Record<string, any>, id: string) =>
      JSON.parse(JSON.stringify(e).replaceAll(id, '<id>')) as unknown;
    expect(strip(foreign, 'theirs')).toEqual(strip(missing, 'nope-123'));
  });

  it('refuses the same target twice (it would deliver twice)', async () => {
    const error = expectRefused(await post(['mine-a', 'mine-off', 'mine-a']), 'deliveryTargetIds[2]');
    expect(error.message).toMatch(/repeats mine-a/);
  });

  it('checks a PUT the same way and leaves the schedule as it was', async () => {
    const created = await post(['mine-a']);
    expect(created.status, created.text).toBe(201);
    const id = json(created).id as string;
    const path = `/api/v1/schedules/${id}`;
    expectRefused(await api.call('PUT', path, { as: alice, body: body(['theirs']) }), 'deliveryTargetIds[0]');
    expect((await api.repos.schedules.get('dt1', id))?.doc.deliveryTargetIds).toEqual(['mine-a']);
    const put = await api.call('PUT', path, { as: alice, body: body(['mine-off']) });
    expect(put.status, put.text).toBe(200);
    expect(json(put).deliveryTargetIds).toEqual(['mine-off']);
  });
});
