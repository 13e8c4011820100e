import { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { describe, expect, it } from 'vitest';
import {
  api,
  finished,
  host_,
  start,
  useDurableTestHost,
} from '../../local/durable/testing/durable-runtime-fixture';
import { waitForStatus } from '../../local/durable/testing/test-host';
import { durablePurger } from './durable-purger';

useDurableTestHost();

/** The Durable client a function with a `durableClient` input gets, bound to the local test host. */
function durableClient() {
  const input = df.input.durableClient();
  const context = new InvocationContext({ options: { extraInputs: [input] } });
  const provide = host_().app.extraInputs.get('durableclient')!;
  const { json } = provide({ type: 'durableClient' }) as { json: string };
  context.extraInputs.set(input, JSON.parse(json));
  return df.getClient(context);
}

describe('purging finished runs’ Durable history (local Durable engine)', () => {
  it('purges finished instances created before the cutoff and leaves running and newer ones', async () => {
    const done = await start('fanOut', 1);
    const running = await start('waitForever');
    await finished(done);
    await waitForStatus(host_().baseUrl, running, (s) => s.runtimeStatus === 'Running');
    const cutoff = new Date();
    const newer = await start('fanOut', 2);
    await finished(newer);

    const purger = durablePurger(durableClient());
    expect(await purger.purgeFinishedBefore(cutoff)).toBe(1);
    expect((await fetch(api(`instances/${done}`))).status).toBe(404);
    expect((await fetch(api(`instances/${running}`))).status).toBe(202);
    expect((await fetch(api(`instances/${newer}`))).status).toBe(200);
    expect(await purger.purgeFinishedBefore(cutoff)).toBe(0);
  });
});

describe('purging an erased tenant’s instances (local Durable engine)', () => {
  it('purges a finished instance, terminates then purges a running one, and skips an unknown id', async () => {
    const done = await start('fanOut', 1);
    const running = await start('waitForever');
    await finished(done);
    await waitForStatus(host_().baseUrl, running, (s) => s.runtimeStatus === 'Running');
    const purger = durablePurger(durableClient());

    // The finished one is purged; the running one is terminated and the call fails, so the queue redelivers.
    await expect(purger.purgeInstances([done, running, 'no-such-instance'])).rejects.toThrow(/terminating/);
    expect((await fetch(api(`instances/${done}`))).status).toBe(404);
    await waitForStatus(host_().baseUrl, running, (s) => s.runtimeStatus === 'Terminated');
    // The redelivered message: now terminal, the instance is purged.
    expect(await purger.purgeInstances([done, running, 'no-such-instance'])).toBe(1);
    expect((await fetch(api(`instances/${done}`))).status).toBe(404);
    expect((await fetch(api(`instances/${running}`))).status).toBe(404);
  });
});
