import { describe, expect, it } from 'vitest';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { isFinal, startTestHost, waitForStatus, writeApp } from './testing/test-host';

const appSource = `
const df = require('durable-functions');
const state = (globalThis.__stopTest = globalThis.__stopTest || { effects: [] });
df.app.activity('slow', { handler: async (ms) => {
  state.effects.push('start');
  await new Promise((r) => setTimeout(r, ms));
  state.effects.push('done');
  return ms;
} });
df.app.orchestration('slowOne', function* (ctx) { return yield ctx.df.callActivity('slow', ctx.df.getInput()); });
`;

const effects = () => (globalThis as unknown as { __stopTest: { effects: string[] } }).__stopTest.effects;

describe('stopping the engine', () => {
  it('stops dequeuing but lets the activity in flight finish and report its result', async () => {
    const taskHub = uniqueName('stop');
    const host = await startTestHost({
      main: writeApp(appSource),
      connectionString: testConnectionString(),
      taskHub,
      timings: { minIdleMs: 20, maxIdleMs: 200 },
    });
    const start = await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/orchestrators/slowOne`, {
      method: 'POST',
      body: '700',
    });
    const { id } = (await start.json()) as { id: string };
    while (!effects().includes('start')) await new Promise((r) => setTimeout(r, 20));
    await host.close();
    expect(effects()).toEqual(['start', 'done']); // stop waited for the activity

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
      expect(effects()).toEqual(['start', 'done']); // the activity did not run again
    } finally {
      await again.close();
    }
  });
});
