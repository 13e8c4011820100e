import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { isFinal, startTestHost, type TestHost, waitForStatus, writeApp } from './testing/test-host';

// An exception-properties provider changes how every activity error travels, so this app runs alone.
const appSource = `
const df = require('durable-functions');
df.app.setExceptionPropertiesProvider({ getExceptionProperties: (err) => ({ code: err.code }) });
df.app.activity('refuse', { handler: () => {
  const err = new RangeError('quota exceeded');
  err.code = 'QUOTA';
  throw err;
} });
df.app.orchestration('catches', function* (ctx) {
  try {
    yield ctx.df.callActivity('refuse');
  } catch (e) {
    return { name: e.name, message: e.message, type: e.failureDetails.errorType, properties: e.failureDetails.properties };
  }
});
`;

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost({
    main: writeApp(appSource),
    connectionString: testConnectionString(),
    taskHub: uniqueName('fd'),
    timings: { minIdleMs: 20, maxIdleMs: 200 },
  });
});
afterAll(() => host?.close());

describe('activity failure details', () => {
  it('reach the orchestrator as a TaskFailedError when the app registers an exception-properties provider', async () => {
    const res = await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/orchestrators/catches`, {
      method: 'POST',
    });
    const { id } = (await res.json()) as { id: string };
    expect(await waitForStatus(host.baseUrl, id, isFinal)).toMatchObject({
      runtimeStatus: 'Completed',
      output: {
        name: 'TaskFailedError',
        message: 'RangeError: quota exceeded',
        type: 'RangeError',
        properties: { code: 'QUOTA' },
      },
    });
  });
});
