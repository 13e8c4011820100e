import { Redis } from 'ioredis';

/**
 * An ioredis client for rate limiting: commands fail fast while disconnected (no offline queue, one
 * retry), so a Redis outage costs a request nothing but a fallback to the in-memory limiter.
 */
export function createRedisClient(url: string, onError: (err: Error) => void): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  client.on('error', onError);
  return client;
}
