import { loadConfigFromEnvironment } from '../shared/config/load-config';
import type { AppConfig } from '../shared/config/app-config';
import { createLogger } from '../shared/adapters/observability/create-logger';
import { createMetrics } from '../shared/adapters/observability/create-metrics';
import { createTokenVerifier } from '../shared/adapters/auth/jose-token-verifier';
import { createRedisClient } from '../shared/adapters/rate-limit/create-redis-client';
import { createTenantRateLimiter } from '../shared/adapters/rate-limit/create-tenant-rate-limiter';
import type { HttpDeps, ReadinessProbe } from './http/http-deps';

/** Everything the Azure entry points use, built once per process from the validated settings. */
export type Deps = HttpDeps;

/** Builds the dependencies from settings; `overrides` replace single parts (tests, the local host). */
export function createDeps(config: AppConfig, overrides: Partial<Deps> = {}): Deps {
  const logger = overrides.logger ?? createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const redis = !overrides.rateLimiter && config.REDIS_URL ? createRedisClient(config.REDIS_URL, logger) : undefined;
  return {
    config,
    logger,
    clock: () => new Date(),
    tokenVerifier: createTokenVerifier({
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      jwksUrl: config.AUTH_JWKS_URL,
      algorithms: config.AUTH_ALGORITHMS,
    }),
    rateLimiter: createTenantRateLimiter({ ...(redis ? { redis } : {}), logger }),
    metrics: createMetrics({ defaultMetrics: true }),
    // The lead wires tenant tiers to the tenant repository; until then every tenant is standard.
    tenantTier: () => Promise.resolve('standard'),
    // Filled by the lead: storage tables / blobs / queues reachable.
    readinessProbes: new Map<string, ReadinessProbe>(),
    ...overrides,
  };
}

let memo: Deps | undefined;

/** The one composition root of the Azure host: built on first use, from process settings. */
export function getDeps(): Deps {
  memo ??= createDeps(loadConfigFromEnvironment());
  return memo;
}

/** Tests (and only tests) replace the dependencies; `undefined` returns to building from settings. */
export function setDepsForTesting(deps: Deps | undefined): void {
  memo = deps;
}
