import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { writeTestApp } from './testing/write-test-app';
import { startHost } from './start-host';
import { assertPortFree, freePort } from '../azurite/start-azurite';

const g = globalThis as unknown as { events: string[] };

const appSource = `
  const { app } = require('@azure/functions');
  app.http('hello', { methods: ['GET'], handler: async () => ({ body: 'hi' }) });
  app.http('disabledFn', { methods: ['GET'], route: 'off', handler: async () => ({ body: 'should not run' }) });
  app.storageQueue('work', { queueName: '%WorkQueue%', connection: 'AzureWebJobsStorage', handler: async (message) => {
    globalThis.events.push('work:start:' + message);
    await new Promise((r) => setTimeout(r, 300));
    globalThis.events.push('work:end');
  }});
  app.timer('boot', { schedule: '0 0 3 * * *', runOnStartup: true, handler: () => { globalThis.events.push('boot'); } });
`;

describe('startHost', () => {
  it('serves HTTP under the host.json route prefix, runs timers and queues, plugs extensions, and stops gracefully', async () => {
    g.events = [];
    const main = writeTestApp(appSource);
    const root = path.dirname(main);
    fs.writeFileSync(
      path.join(root, 'host.json'),
      JSON.stringify({
        version: '2.0',
        extensions: { http: { routePrefix: 'v' }, queues: { messageEncoding: 'none' } },
      }),
    );
    const workQueue = uniqueName('work-');
    let extensionStopped = false;
    const host = await startHost({
      projectRoot: root,
      main: 'index.js',
      storage: { connectionString: testConnectionString() },
      settings: { WorkQueue: workQueue, 'AzureWebJobs.disabledFn.Disabled': 'true' },
      hostId: uniqueName('host'),
      log: () => undefined,
      beforeServe(parts) {
        parts.server.mount('/runtime/webhooks/durabletask/', (_req, res) =>
          res.end(`hub ${parts.hostJson.durableTask.hubName}`),
        );
        return {
          stop: () => {
            extensionStopped = true;
            return Promise.resolve();
          },
        };
      },
    });

    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(await (await fetch(`${host.url}/v/hello`)).text()).toBe('hi');
    expect((await fetch(`${host.url}/api/hello`)).status).toBe(404);
    expect((await fetch(`${host.url}/v/off`)).status).toBe(404);
    expect(await (await fetch(`${host.url}/runtime/webhooks/durabletask/instances`)).text()).toBe(
      'hub TestHubName',
    );

    await host.timers.idle();
    expect(g.events).toEqual(['boot']);

    await QueueServiceClient.fromConnectionString(testConnectionString())
      .getQueueClient(workQueue)
      .sendMessage('job-1');
    host.nudgeQueue(workQueue);
    const deadline = Date.now() + 5000;
    while (!g.events.includes('work:start:job-1') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));

    await host.stop();
    expect(g.events).toEqual(['boot', 'work:start:job-1', 'work:end']);
    expect(extensionStopped).toBe(true);
    await expect(fetch(`${host.url}/v/hello`)).rejects.toThrow();
    await host.stop();
  });

  it('starts its own Azurite when given no storage, and stops it', async () => {
    const main = writeTestApp(
      `require('@azure/functions').app.http('ping', { handler: async () => ({ body: 'pong' }) });`,
    );
    const ports = { blobPort: await freePort(), queuePort: await freePort(), tablePort: await freePort() };
    const host = await startHost({
      projectRoot: path.dirname(main),
      main: 'index.js',
      storage: { azurite: { inMemory: true, ...ports } },
      log: () => undefined,
    });
    expect(host.connectionString).toContain(`BlobEndpoint=http://127.0.0.1:${ports.blobPort}/`);
    expect(host.settings.AzureWebJobsStorage).toBe(host.connectionString);
    expect(await (await fetch(`${host.url}/api/ping`)).text()).toBe('pong');
    await host.stop();
    await assertPortFree(ports.blobPort, '127.0.0.1', 'blob');
  });
});
