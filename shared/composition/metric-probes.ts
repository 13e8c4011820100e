import type { Redis } from 'ioredis';
import type { MetricProbes } from '../adapters/observability/create-metrics';
import { deliveryRedriveQueueName } from '../contracts/delivery';
import { renderCompletionQueueName, renderJobQueueName } from '../contracts/render-jobs';
import { executionQueueName } from '../contracts/run-messages';
import { subscriptionEventsQueue } from '../contracts/subscription';
import type { MessageBus } from '../ports/message-bus';

/** The bus queues whose depth is reported (service_bus_queue_depth{queue}). */
export const monitoredQueues = [
  executionQueueName,
  renderJobQueueName,
  renderCompletionQueueName,
  deliveryRedriveQueueName,
  subscriptionEventsQueue,
] as const;

/** Reads `used_memory` from `INFO memory`. */
export function usedMemoryBytes(info: string): number | null {
  const match = /^used_memory:(\d+)/m.exec(info);
  return match ? Number(match[1]) : null;
}

/** What the gauges read at scrape time: the bus's queue depths, Redis memory, the tenant pools' usage. */
export function createMetricProbes(parts: {
  bus: MessageBus;
  redis?: Redis;
  databasePoolUsage: () => number | null;
}): MetricProbes {
  const { bus, redis } = parts;
  const depth = bus.depth?.bind(bus);
  return {
    databasePoolUsage: parts.databasePoolUsage,
    ...(depth
      ? {
          queueDepths: async () => {
            const read = await Promise.all(
              monitoredQueues.map((queue) =>
                depth(queue).then(
                  (n) => [queue, n] as const,
                  () => undefined,
                ),
              ),
            );
            return read.filter((entry) => entry !== undefined);
          },
        }
      : {}),
    ...(redis ? { redisMemoryBytes: async () => usedMemoryBytes(await redis.info('memory')) } : {}),
  };
}
