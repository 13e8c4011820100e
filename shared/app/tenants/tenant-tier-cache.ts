import type { Tier } from '../../contracts/common';
import type { Repositories } from '../../ports/repositories';

/**
 * A tenant's tier for rate limiting, read from its record at most once a minute per process: the limiter
 * runs on every request and must not add a storage read to each. Unknown tenants are standard.
 */
export function createTenantTierLookup(repos: Repositories, clock: () => Date, ttlMs = 60_000) {
  const cache = new Map<string, { tier: Tier; until: number }>();
  return async (tenantId: string): Promise<Tier> => {
    const now = clock().getTime();
    const hit = cache.get(tenantId);
    if (hit && hit.until > now) return hit.tier;
    const tier = (await repos.tenants.get(tenantId, tenantId))?.doc.tier ?? 'standard';
    cache.set(tenantId, { tier, until: now + ttlMs });
    return tier;
  };
}
