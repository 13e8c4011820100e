import type { Tenant } from '../../contracts/tenant';
import type { Repositories } from '../../ports/repositories';
import { DEFAULT_TIER } from './tier-catalog';

/** A tenant's record as the hot paths read it: cached, and invalidated by whoever changes it. */
export interface TenantProfiles {
  /** The stored record, or the record a new tenant would get (not written). */
  get(tenantId: string): Promise<Tenant>;
  /** Forgets the cached record (after a change in this process; other processes see it within the TTL). */
  invalidate(tenantId: string): void;
}

/** The record a tenant gets on first use: the default tier, active, UTC, 30 days of retention. */
export function newTenantRecord(tenantId: string, now: Date): Tenant {
  return {
    id: tenantId,
    name: tenantId,
    tier: DEFAULT_TIER,
    timezone: 'UTC',
    retentionDays: 30,
    createdAt: now.toISOString(),
    status: 'active',
    alertEmails: [],
  };
}

/**
 * Tenant records read at most once per `ttlMs` per process: the API pipeline (status, rate-limit tier)
 * and the execution consumer (limits) run on every request and fire and must not add a read to each.
 * A suspension therefore takes effect within a minute everywhere, at once in the process that made it.
 */
export function createTenantProfiles(
  repos: Pick<Repositories, 'tenants'>,
  clock: () => Date,
  ttlMs = 60_000,
): TenantProfiles {
  const cache = new Map<string, { tenant: Tenant; until: number }>();
  return {
    async get(tenantId) {
      const now = clock();
      const hit = cache.get(tenantId);
      if (hit && hit.until > now.getTime()) return hit.tenant;
      const tenant = (await repos.tenants.get(tenantId, tenantId))?.doc ?? newTenantRecord(tenantId, now);
      cache.set(tenantId, { tenant, until: now.getTime() + ttlMs });
      return tenant;
    },
    invalidate(tenantId) {
      cache.delete(tenantId);
    },
  };
}

/** Profiles for hosts without storage (HTTP pipeline tests): every tenant is a new, active one. */
export function defaultTenantProfiles(clock: () => Date = () => new Date()): TenantProfiles {
  return {
    get: (tenantId) => Promise.resolve(newTenantRecord(tenantId, clock())),
    invalidate: () => undefined,
  };
}
