import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { isFinal, startTestHost, type TestHost, waitForStatus } from './testing/test-host';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost({
    main: () => import('./testing/failure-details-app.js'),
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
