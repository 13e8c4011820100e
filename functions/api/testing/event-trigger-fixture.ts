/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- helpers walk parsed JSON */
import { afterAll, beforeAll, expect } from 'vitest';
import { createTableExecutionQuota } from '../../../shared/adapters/table/table-execution-quota';
import { createTableService } from '../../../shared/adapters/table/table-service';
import { signPayload } from '../../../shared/app/event-triggers/verify-signature';
import { exampleReportRequest } from '../../../shared/contracts/report-resources';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { startApiFixture, type ApiFixture, type Caller } from './api-fixture';
import { createPrefixedQueueBus } from './prefixed-queue-bus';

export { admin, creator, viewer } from './api-fixture';

// Real Storage queues on the test Azurite, under a prefix no other test consumes.
const queued = createPrefixedQueueBus();
const { bus } = queued;
/** The run's ExecutionRequested, as a trigger's fire published it to the execution queue. */
export const published = queued.published;
const quotaTables = createTableService(
  { connectionString: testConnectionString() },
  { prefix: uniqueName('tq') },
);

let api: ApiFixture;

/** Starts the API (event triggers and reports) for the calling test file; call at its top level. */
export function useEventTriggerApi(): () => ApiFixture {
  beforeAll(async () => {
    api = await startApiFixture(
      async () => Promise.all([import('../event-triggers.js'), import('../reports.js')]),
      {
        overrides: () => ({
          bus,
          quota: createTableExecutionQuota(quotaTables, {
            tierOf: () => Promise.resolve('standard'),
            limits: { standard: 3, premium: 3, enterprise: null },
          }),
        }),
      },
    );
  });
  afterAll(() => api.close());
  return () => api;
}

export const reportBody = {
  ...exampleReportRequest,
  dataSource: {
    connectionId: 'demo',
    sql: 'select region, sum(amount) as total from sales where quantity >= $minQty and region <> $skip group by region',
    parameters: [
      { name: 'minQty', type: 'integer', required: true },
      { name: 'skip', type: 'string', default: 'none' },
    ],
  },
};

export async function setUp(as: Caller) {
  const report = await api.call('createReport', {
    method: 'POST',
    path: '/api/v1/reports',
    as,
    body: reportBody,
  });
  const trigger = await api.call('createEventTrigger', {
    method: 'POST',
    path: '/api/v1/event-triggers',
    as,
    body: { name: 'Orders closed', reportId: report.json.id },
  });
  expect(trigger.status).toBe(201);
  return { reportId: report.json.id as string, trigger: trigger.json, secret: trigger.json.secret as string };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function fire(triggerId: string, body: string, signature: string | undefined) {
  return api.call('fireEventTrigger', {
    method: 'POST',
    path: `/api/v1/triggers/${triggerId}`,
    params: { triggerId },
    body,
    headers: signature === undefined ? {} : { 'x-signature': signature },
  });
}

export const signed = (secret: string, body: string, t = nowSeconds()) =>
  `t=${t},v1=${signPayload(secret, t, Buffer.from(body))}`;
