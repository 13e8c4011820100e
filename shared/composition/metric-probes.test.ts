import { describe, expect, it } from 'vitest';
import { createMetricProbes, monitoredQueues, usedMemoryBytes } from './metric-probes';

describe('metric probes', () => {
  it('reads used_memory from INFO memory', () => {
    expect(usedMemoryBytes('# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n')).toBe(1048576);
    expect(usedMemoryBytes('# Memory\r\n')).toBeNull();
  });

  it('asks the bus for every queue and leaves out a queue it cannot read', async () => {
    const probes = createMetricProbes({
      bus: {
        publish: () => Promise.resolve(),
        ping: () => Promise.resolve(),
        depth: (queue) =>
          queue === 'render-jobs'
            ? Promise.reject(new Error('no such queue'))
            : Promise.resolve(queue.length),
      },
      databasePoolUsage: () => null,
    });
    const depths = await probes.queueDepths!();
    expect(depths).toEqual(
      monitoredQueues.filter((q) => q !== 'render-jobs').map((q) => [q, q.length] as const),
    );
    expect(probes.redisMemoryBytes).toBeUndefined();
  });
});
