import { describe, expect, it } from 'vitest';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { isFinal, startTestHost, waitForStatus } from './testing/test-host';

// Imported by the host after it provides the Functions core API; the same module the test reads.
const loadApp = () => import('./testing/graceful-stop-app.js');

describe('stopping the engine', () => {
  it('stops dequeuing but lets the activity in flight finish and report its result', async () => {
    const taskHub = uniqueName('stop');
    const host = await startTestHost({
      main: loadApp,
      connectionString: testConnectionString(),
      taskHub,
      timings: { minIdleMs: 20, maxIdleMs: 200 },
    });
    const { effects } = await loadApp();
    const start = await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/orchestrators/slowOne`, {
      method: 'POST',
      body: '700',
    });
    const { id } = (await start.json()) as { id: string };
    while (!effects.includes('start')) await new Promise((r) => setTimeout(r, 20));
    await host.close();
    expect(effects).toEqual(['start', 'done']); // stop waited for the activity

    // A new engine on the same task hub (same app) picks up the reported result and finishes.
    const again = await startTestHost({
      main: '',
      reuseApp: host.app,
      connectionString: testConnectionString(),
      taskHub,
      timings: { minIdleMs: 20, maxIdleMs: 200 },
    });
    try {
      expect(await waitForStatus(again.baseUrl, id, isFinal)).toMatchObject({
        runtimeStatus: 'Completed',
        output: 700,
      });
      expect(effects).toEqual(['start', 'done']); // the activity did not run again
    } finally {
      await again.close();
    }
  });
});
