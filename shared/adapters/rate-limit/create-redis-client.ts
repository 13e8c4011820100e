import { Redis } from 'ioredis';
import type { Logger } from '../../ports/logger';

const WARN_EVERY_MS = 30_000;

/**
 * An ioredis client for rate limiting: commands fail fast while disconnected (no offline queue, one
 * retry), so a Redis outage costs a request nothing but a fallback to the in-memory limiter.
 * Connection errors are logged as warnings, at most every 30 s.
 */
export function createRedisClient(url: string, logger: Pick<Logger, 'warn'>): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  let lastWarning = -Infinity;
  client.on('error', (err: Error) => {
    const now = Date.now();
    if (now - lastWarning < WARN_EVERY_MS) return;
    lastWarning = now;
    logger.warn({ err: { message: err.message } }, 'Redis (rate limits) unavailable');
  });
  return client;
}
