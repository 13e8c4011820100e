import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueueServiceClient } from '@azure/storage-queue';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { loadTestApp } from '../host/testing/write-test-app';
import { createQueueTriggers, type QueueTriggers } from './queue-triggers';

interface Call {
  fn: string;
  message: unknown;
  meta: Record<string, unknown>;
}
const g = globalThis as unknown as { queueCalls: Call[] };

const appSource = `
  const { app } = require('@azure/functions');
  const record = (message, ctx) => { globalThis.queueCalls.push({ fn: ctx.functionName, message, meta: ctx.triggerMetadata }); };
  app.storageQueue('onReport', { queueName: '%ReportQueue%', connection: 'MyStorage', handler: record });
  app.storageQueue('alwaysFails', { queueName: '%FailQueue%', connection: 'MyStorage', handler: (message, ctx) => {
    record(message, ctx);
    throw new Error('always');
  }});
  app.serviceBusQueue('onBus', { queueName: '%BusQueue%', connection: 'ServiceBusConnection', handler: record });
  app.serviceBusTopic('onTopic', { topicName: '%BusTopic%', subscriptionName: 'all', connection: 'ServiceBusConnection', handler: record });
`;

let app: Awaited<ReturnType<typeof loadTestApp>>;
let triggers: QueueTriggers | undefined;
const names = {
  ReportQueue: uniqueName('reports-'),
  FailQueue: uniqueName('fails-'),
  BusQueue: `Report.Runs_${uniqueName('')}`,
  BusTopic: `Events/${uniqueName('')}`,
};
const settings = { ...names, MyStorage: '', AzureWebJobsStorage: '' };
const service = () => QueueServiceClient.fromConnectionString(testConnectionString());
const b64 = (text: string) => Buffer.from(text).toString('base64');

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function start(functionNames: string[], queues = {}) {
  triggers = createQueueTriggers({
    app,
    functions: functionNames.map((n) => app.registry.get(n)!),
    settings,
    queues: { maxPollingIntervalMs: 200, ...queues },
    log: () => undefined,
  });
  await triggers.start();
  return triggers;
}

beforeAll(async () => {
  settings.MyStorage = settings.AzureWebJobsStorage = testConnectionString();
  app = await loadTestApp(appSource);
});
beforeEach(() => {
  g.queueCalls = [];
});
afterEach(async () => {
  await triggers?.stop(2000);
  triggers = undefined;
});

describe('storage queue triggers', () => {
  it('delivers a base64 message decoded, with the host trigger metadata, and deletes it on success', async () => {
    const t = await start(['onReport']);
    const queue = service().getQueueClient(names.ReportQueue);
    const sent = await queue.sendMessage(b64('{"reportId":"r1"}'));
    t.nudge(names.ReportQueue);
    await waitFor(() => g.queueCalls.length === 1, 'the invocation');
    const [call] = g.queueCalls;
    expect(call!.message).toEqual({ reportId: 'r1' });
    expect(call!.meta).toMatchObject({
      id: sent.messageId,
      dequeueCount: 1,
      insertionTime: sent.insertedOn.toISOString(),
      expirationTime: sent.expiresOn.toISOString(),
      popReceipt: expect.any(String),
      queueTrigger: { reportId: 'r1' },
    });
    expect(Date.parse(call!.meta.nextVisibleTime as string)).toBeGreaterThan(Date.now());
    await waitFor(async () => (await queue.getProperties()).approximateMessagesCount === 0, 'the delete');
  });

  it('retries a failing message exactly maxDequeueCount times, then moves it to <queue>-poison', async () => {
    await start(['alwaysFails'], { maxDequeueCount: 3 });
    const queue = service().getQueueClient(names.FailQueue);
    await queue.sendMessage(b64('poison me'));
    const poison = service().getQueueClient(`${names.FailQueue}-poison`);
    await waitFor(
      async () => (await poison.exists()) && (await poison.peekMessages()).peekedMessageItems.length === 1,
      'the poison message',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(g.queueCalls.map((c) => [c.message, c.meta.dequeueCount])).toEqual([
      ['poison me', 1],
      ['poison me', 2],
      ['poison me', 3],
    ]);
    expect((await poison.peekMessages()).peekedMessageItems[0]!.messageText).toBe(b64('poison me'));
    expect((await queue.peekMessages()).peekedMessageItems).toEqual([]);
  });

  it('moves a message that is not valid base64 to poison without invoking', async () => {
    await start(['onReport']);
    await service().getQueueClient(names.ReportQueue).sendMessage('not base64 at all!');
    const poison = service().getQueueClient(`${names.ReportQueue}-poison`);
    await waitFor(
      async () => (await poison.exists()) && (await poison.peekMessages()).peekedMessageItems.length === 1,
      'the poison message',
    );
    expect(g.queueCalls).toEqual([]);
  });
});

describe('Service Bus triggers served from a storage queue', () => {
  it('delivers an envelope body with its Service Bus metadata', async () => {
    const t = await start(['onBus']);
    const queue = service().getQueueClient(`report-runs-${names.BusQueue.split('_')[1]}`);
    const envelope = {
      body: { runId: 'x' },
      messageId: 'm-1',
      contentType: 'application/json',
      applicationProperties: { Tenant: 't1' },
    };
    await queue.sendMessage(b64(JSON.stringify(envelope)));
    await queue.sendMessage(b64('plain text body'));
    t.nudge(names.BusQueue);
    await waitFor(() => g.queueCalls.length === 2, 'two invocations');
    const [first, second] = g.queueCalls;
    expect(first!.message).toEqual({ runId: 'x' });
    expect(first!.meta).toMatchObject({
      messageId: 'm-1',
      deliveryCount: 1,
      contentType: 'application/json',
      enqueuedTimeUtc: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      applicationProperties: { tenant: 't1' },
    });
    expect(second!.message).toBe('plain text body');
    expect(second!.meta.messageId).toEqual(expect.any(String));
    expect(second!.meta.applicationProperties).toBeUndefined();
  });

  it('serves a topic trigger from the queue named after the topic', async () => {
    const t = await start(['onTopic']);
    await service()
      .getQueueClient(`events-${names.BusTopic.split('/')[1]}`)
      .sendMessage(b64('{"body":"hello"}'));
    t.nudge(names.BusTopic);
    await waitFor(() => g.queueCalls.length === 1, 'the invocation');
    expect(g.queueCalls[0]).toMatchObject({ fn: 'onTopic', message: 'hello', meta: { deliveryCount: 1 } });
  });
});
