/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- helpers walk parsed JSON */
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, expect } from 'vitest';
import { createStorageQueueMessageBus } from '../../../shared/adapters/messaging/storage-queue-message-bus';
import { createTableExecutionQuota } from '../../../shared/adapters/table/table-execution-quota';
import { createTableService } from '../../../shared/adapters/table/table-service';
import { signPayload } from '../../../shared/app/event-triggers/verify-signature';
import { exampleReportRequest } from '../../../shared/contracts/report-resources';
import type { MessageBus } from '../../../shared/ports/message-bus';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { startApiFixture, type ApiFixture, type Caller } from './api-fixture';

export { admin, creator, viewer } from './api-fixture';

// Real Storage queues on the test Azurite, under a prefix no other test consumes.
const queuePrefix = uniqueName('q');
const queues = QueueServiceClient.fromConnectionString(testConnectionString());
const inner = createStorageQueueMessageBus({ connectionString: testConnectionString() }, () => new Date());
const bus: MessageBus = {
  publish: (queue, m) => inner.publish(`${queuePrefix}-${queue}`, m),
  ping: () => inner.ping(),
};
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

export async function published(runId: string) {
  const queue = queues.getQueueClient(`${queuePrefix}-execution-requests`);
  const { peekedMessageItems } = await queue.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems
    .map(
      (m) =>
        JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as {
          body: Record<string, unknown>;
        },
    )
    .find((m) => m.body.runId === runId)?.body;
}
