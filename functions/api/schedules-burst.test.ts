/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectionString } from '../../test/support/storage';
import type { DeliveryTarget } from '../../shared/contracts/delivery-target';
import type { HttpResult } from '../http/testing/http-test-kit';
import { startSchedulesApi, type Caller, type SchedulesApi } from './schedules-test-fixture';

// A schedule's burst at save: what can only work by email, and parameter sets checked against the report.
let api: SchedulesApi;
let reportId: string;
const alice: Caller = { tenantId: 'bu1', userId: 'alice', roles: ['report_creator'] };

async function addTarget(id: string, target: Pick<DeliveryTarget, 'type' | 'config'>): Promise<void> {
  const at = new Date().toISOString();
  await api.repos.deliveryTargets.insert('bu1', {
    ...target,
    id,
    tenantId: 'bu1',
    name: id,
    active: true,
    createdBy: 'alice',
    createdAt: at,
    updatedAt: at,
  } as DeliveryTarget);
}

beforeAll(async () => {
  api = await startSchedulesApi(testConnectionString());
  reportId = (
    await api.addReport('bu1', {
      dataSource: {
        connectionId: 'demo',
        sql: 'select 1 where $region = $region',
        parameters: [{ name: 'region', type: 'string', required: true }],
      },
    })
  ).id;
  await addTarget('hook', {
    type: 'webhook',
    config: { url: 'https://hooks.example.com/x', secretRef: 'secret:k' },
  });
  await addTarget('mail', { type: 'email', config: { recipients: ['team@example.com'] } });
});
afterAll(() => api.close());

const json = (res: HttpResult) => res.json as Record<string, any>;
const email = { enabled: true, recipients: [] };
const byColumn = { mode: 'column', column: 'region_manager_email' };
const perRegion = {
  mode: 'parameters',
  recipients: [
    { to: ['eu@example.com', 'eu2@example.com'], parameters: { region: 'EU' } },
    { to: ['us@example.com'], parameters: { region: 'US' } },
  ],
};
const post = (fields: Record<string, unknown>) =>
  api.call('POST', '/api/v1/schedules', {
    as: alice,
    body: { reportId, cronExpr: '0 9 * * *', timezone: 'UTC', parameters: { region: 'ALL' }, ...fields },
  });
function expectBurstInvalid(res: HttpResult, field: string) {
  expect(res.status, res.text).toBe(422);
  expect(json(res).error).toMatchObject({ code: 'BURST_INVALID', details: { field } });
  return json(res).error as Record<string, any>;
}

describe('burst on a schedule', () => {
  it('stores a column burst and a parameters burst, and shows them back', async () => {
    const column = await post({
      emailDelivery: email,
      burst: { ...byColumn, allowedDomains: ['Example.com'] },
    });
    expect(column.status, column.text).toBe(201);
    expect(json(column).burst).toEqual({ ...byColumn, allowedDomains: ['example.com'] });
    const params = await post({ emailDelivery: email, deliveryTargetIds: ['mail'], burst: perRegion });
    expect(params.status, params.text).toBe(201);
    expect(json(params).burst).toEqual(perRegion);
    const stored = await api.repos.schedules.get('bu1', String(json(params).id));
    expect(stored?.doc.burst).toEqual(perRegion);
    expect(json(await post({ emailDelivery: { ...email, recipients: ['a@example.com'] } })).burst).toBeNull();
  });

  it('refuses a webhook target with burst (422): it cannot be sent a slice', async () => {
    const error = expectBurstInvalid(
      await post({ emailDelivery: email, deliveryTargetIds: ['mail', 'hook'], burst: byColumn }),
      'deliveryTargetIds[1]',
    );
    expect(error.message).toMatch(/webhook target: bursting sends each recipient their slice by email only/);
  });

  it('refuses a burst without an email channel, and email recipients beside a burst', async () => {
    expectBurstInvalid(await post({ burst: byColumn }), 'burst');
    const res = await post({ emailDelivery: { ...email, recipients: ['a@example.com'] }, burst: byColumn });
    expect(res.status, res.text).toBe(400);
    expect(json(res).error.details.field).toBe('emailDelivery.recipients');
  });

  it('refuses parameter names the report does not have, wrong types, and an address in two sets', async () => {
    const unknown = expectBurstInvalid(
      await post({
        emailDelivery: email,
        burst: { mode: 'parameters', recipients: [{ to: ['a@example.com'], parameters: { regoin: 'EU' } }] },
      }),
      'burst.recipients[0].parameters.regoin',
    );
    expect(unknown.message).toMatch(/is not a parameter of report .* \(it has: region\)/);
    expectBurstInvalid(
      await post({
        emailDelivery: email,
        burst: { mode: 'parameters', recipients: [{ to: ['a@example.com'], parameters: { region: 7 } }] },
      }),
      'burst.recipients[0].parameters.region',
    );
    expectBurstInvalid(
      await post({
        emailDelivery: email,
        burst: {
          mode: 'parameters',
          recipients: [
            { to: ['a@example.com'], parameters: { region: 'EU' } },
            { to: ['A@example.com'], parameters: { region: 'US' } },
          ],
        },
      }),
      'burst.recipients[1].to[0]',
    );
  });

  it('refuses a malformed burst with 400 naming the field', async () => {
    const res = await post({ emailDelivery: email, burst: { mode: 'column', column: '' } });
    expect(res.status, res.text).toBe(400);
    const bad = await post({
      emailDelivery: email,
      burst: { ...byColumn, allowedDomains: ['not a domain'] },
    });
    expect(bad.status, bad.text).toBe(400);
  });
});
