import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Tier } from '../../contracts/common';
import type { Logger } from '../../ports/logger';
import type { RateLimitDecision, TenantRateLimiter } from './tenant-rate-limiter';
import { requestsPerMinuteByTier } from './tier-limits';

export interface TenantRateLimiterOptions {
  /** When given, counts live in Redis (shared by every instance); otherwise in this process. */
  redis?: Redis;
  /** Prefix of the Redis keys (`{prefix}:{tier}:{tenantId}`); tests use a unique one. */
  keyPrefix?: string;
  limits?: Readonly<Record<Tier, number>>;
  windowSeconds?: number;
  logger?: Pick<Logger, 'warn'>;
  /** Time source for `X-RateLimit-Reset` (default: the system clock). */
  clock?: () => Date;
}

const WARN_EVERY_MS = 30_000;

/**
 * Fixed-window request counting per tenant with rate-limiter-flexible. With Redis, a store failure
 * never refuses a request: it is counted by an in-memory limiter instead and a warning is logged
 * (at most every 30 s).
 */
export function createTenantRateLimiter(options: TenantRateLimiterOptions = {}): TenantRateLimiter {
  const limits = options.limits ?? requestsPerMinuteByTier;
  const duration = options.windowSeconds ?? 60;
  const keyPrefix = options.keyPrefix ?? 'ratelimit:api';
  const clock = options.clock ?? (() => new Date());
  const build = (make: (tier: Tier) => RateLimiterAbstract) =>
    new Map((Object.keys(limits) as Tier[]).map((tier) => [tier, make(tier)]));
  const memory = build(
    (tier) => new RateLimiterMemory({ keyPrefix: `${keyPrefix}:${tier}`, points: limits[tier], duration }),
  );
  const redis = options.redis
    ? build(
        (tier) =>
          new RateLimiterRedis({
            storeClient: options.redis,
            keyPrefix: `${keyPrefix}:${tier}`,
            points: limits[tier],
            duration,
            rejectIfRedisNotReady: true,
          }),
      )
    : undefined;
  let lastWarning = -Infinity;

  const decide = (limit: number, res: RateLimiterRes, allowed: boolean): RateLimitDecision => {
    const resetMs = clock().getTime() + res.msBeforeNext;
    return {
      allowed,
      limit,
      remaining: Math.max(0, res.remainingPoints),
      resetAtEpochSeconds: Math.ceil(resetMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    };
  };

  async function consumeWith(
    limiter: RateLimiterAbstract,
    tenantId: string,
    limit: number,
  ): Promise<RateLimitDecision> {
    try {
      return decide(limit, await limiter.consume(tenantId), true);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return decide(limit, rejection, false);
      throw rejection;
    }
  }

  return {
    async consume(tenantId, tier) {
      const limit = limits[tier];
      const store = redis?.get(tier);
      if (store) {
        try {
          return await consumeWith(store, tenantId, limit);
        } catch (err) {
          const now = Date.now();
          if (now - lastWarning > WARN_EVERY_MS) {
            lastWarning = now;
            options.logger?.warn({ err }, 'Rate limit store unavailable; counting in memory (fail open)');
          }
        }
      }
      return consumeWith(memory.get(tier)!, tenantId, limit);
    },
  };
}
