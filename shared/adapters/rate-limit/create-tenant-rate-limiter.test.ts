import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createTenantRateLimiter } from './create-tenant-rate-limiter';
import { createRedisClient } from './create-redis-client';
import { requestsPerMinuteByTier } from './tier-limits';

const small = { standard: 3, premium: 5, enterprise: 8 };
const clients: Redis[] = [];
afterAll(() => {
  for (const client of clients) client.disconnect();
});

async function connected(): Promise<Redis> {
  const redis = new Redis('redis://127.0.0.1:6379', { enableOfflineQueue: false, lazyConnect: true });
  clients.push(redis);
  await redis.connect();
  return redis;
}

async function drain(
  limiter: ReturnType<typeof createTenantRateLimiter>,
  tenant: string,
  tier: 'standard' | 'premium',
  n: number,
) {
  const decisions = [];
  for (let i = 0; i < n; i++) decisions.push(await limiter.consume(tenant, tier));
  return decisions;
}

describe('tenant rate limiter', () => {
  it('uses the spec limits by default', () => {
    expect(requestsPerMinuteByTier).toEqual({ standard: 100, premium: 500, enterprise: 2000 });
  });

  it('in memory: allows N per window per tenant, refuses N+1 with retry and reset', async () => {
    const limiter = createTenantRateLimiter({ limits: small });
    const decisions = await drain(limiter, 'a', 'standard', 4);
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    const refused = decisions[3]!;
    expect(refused.limit).toBe(3);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    const nowSeconds = Date.now() / 1000;
    expect(refused.resetAtEpochSeconds).toBeGreaterThan(nowSeconds);
    expect(refused.resetAtEpochSeconds).toBeLessThanOrEqual(Math.ceil(nowSeconds) + 60);
    // another tenant has its own window; a premium tenant its own limit
    expect((await limiter.consume('b', 'standard')).allowed).toBe(true);
    expect((await drain(limiter, 'c', 'premium', 6)).map((d) => d.allowed)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('with Redis: counts are shared by every instance using the same store', async () => {
    const keyPrefix = `test:${randomUUID()}`;
    const one = createTenantRateLimiter({ redis: await connected(), keyPrefix, limits: small });
    const two = createTenantRateLimiter({ redis: await connected(), keyPrefix, limits: small });
    expect((await one.consume('t', 'standard')).remaining).toBe(2);
    expect((await two.consume('t', 'standard')).remaining).toBe(1);
    expect((await one.consume('t', 'standard')).allowed).toBe(true);
    const refused = await two.consume('t', 'standard');
    expect(refused).toMatchObject({ allowed: false, limit: 3, remaining: 0 });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const keys = await clients[0]!.keys(`${keyPrefix}:*`);
    expect(keys).toEqual([`${keyPrefix}:standard:t`]);
    expect(await clients[0]!.ttl(keys[0]!)).toBeGreaterThan(0);
    await clients[0]!.del(keys);
  });

  it('fails open to an in-memory count with a warning when Redis is down', async () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(args) };
    const down = createRedisClient('redis://127.0.0.1:1', logger);
    clients.push(down);
    const limiter = createTenantRateLimiter({
      redis: down,
      keyPrefix: `test:${randomUUID()}`,
      limits: small,
      logger: logger,
    });
    const started = Date.now();
    const decisions = await drain(limiter, 't', 'standard', 4);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(warnings)).toContain('fail open');
  });
});
