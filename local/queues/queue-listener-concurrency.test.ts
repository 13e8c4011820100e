import { QueueServiceClient } from '@azure/storage-queue';
import { describe, expect, it } from 'vitest';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { createQueueListener } from './queue-listener';
import { defaultQueueSettings } from './queue-settings';

/**
 * How many messages a listener keeps in flight: the queue rule (a batch of `batchSize`, the next once running ones
 * drop to `newBatchThreshold`: at most batchSize + newBatchThreshold) or the Service Bus rule (`maxConcurrentCalls`).
 * The handler holds every message until the test releases it, so the counts do not depend on timing.
 */
async function inFlightPeak(limits: {
  batchSize: number;
  newBatchThreshold: number;
  maxConcurrentCalls?: number;
}) {
  const service = QueueServiceClient.fromConnectionString(testConnectionString());
  const queue = service.getQueueClient(uniqueName('conc-'));
  await queue.create();
  await Promise.all(Array.from({ length: 16 }, (_, i) => queue.sendMessage(String(i))));
  let running = 0;
  let peak = 0;
  let done = 0;
  const held: (() => void)[] = [];
  const listener = createQueueListener({
    functionName: 'f',
    queue,
    poisonQueue: service.getQueueClient(`${queue.name}-poison`),
    settings: { ...defaultQueueSettings, ...limits, messageEncoding: 'none' },
    decode: (text) => Buffer.from(text),
    log: () => undefined,
    minPollingIntervalMs: 10,
    ...(limits.maxConcurrentCalls ? { maxConcurrentCalls: limits.maxConcurrentCalls } : {}),
    handle: () =>
      new Promise<void>((resolve) => {
        peak = Math.max(peak, ++running);
        held.push(() => (running--, done++, resolve()));
      }),
  });
  const settle = async () => {
    // wait until the listener has taken all it may (a few polls), then release one message
    for (let quiet = 0, last = -1; quiet < 5;) {
      await new Promise((r) => setTimeout(r, 50));
      quiet = held.length === last ? quiet + 1 : 0;
      last = held.length;
    }
  };
  listener.start();
  const peaks: number[] = [];
  while (done < 16) {
    await settle();
    peaks.push(running);
    held.shift()?.();
  }
  await listener.stop();
  await queue.delete();
  return { peak, firstPeak: peaks[0]!, afterOneDone: peaks[1]! };
}

describe('queue listener concurrency', () => {
  it('storage queue rule: batchSize, and the next batch when running ones drop to newBatchThreshold', async () => {
    const r = await inFlightPeak({ batchSize: 4, newBatchThreshold: 2 });
    expect(r.firstPeak).toBe(4);
    expect(r.peak).toBe(6); // 4, down to 2, plus the next 4
  }, 60_000);

  it('Service Bus rule: maxConcurrentCalls in flight, topped up as each call finishes', async () => {
    const r = await inFlightPeak({ batchSize: 4, newBatchThreshold: 2, maxConcurrentCalls: 7 });
    expect(r.firstPeak).toBe(7);
    expect(r.afterOneDone).toBe(7);
    expect(r.peak).toBe(7);
  }, 60_000);
});
