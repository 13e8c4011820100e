import type { Tier } from '../../contracts/common';
import type { Repositories } from '../../ports/repositories';
import { quotaExceeded } from './quota-exceeded';
import { quotaLimits, type QuotaLimits } from './quota-limits';

/**
 * Refuses (403 QUOTA_EXCEEDED) a new schedule when the tenant already has its tier's maximum (standard 50,
 * premium 500, enterprise unlimited). Counts the tenant's schedules in pages of 100 (a tenant moved to a
 * smaller tier sees its true count). Call it before creating one; two creations racing at the limit can
 * both pass — a count is not a reservation.
 */
export async function assertScheduleQuota(
  deps: {
    repos: Pick<Repositories, 'schedules'>;
    limits?: QuotaLimits;
    /** The tenant's own limit (its tier with operator overrides); when given, it wins over `limits`. */
    limitOf?: (tenantId: string) => Promise<number | null>;
  },
  tenantId: string,
  tier: Tier,
): Promise<void> {
  const limit = deps.limitOf ? await deps.limitOf(tenantId) : (deps.limits ?? quotaLimits).schedules[tier];
  if (limit === null) return;
  const current = await countSchedules(deps.repos, tenantId);
  if (current >= limit) throw quotaExceeded('schedules', limit, current, tier);
}

/** The tenant's schedules, counted in pages of 100. */
export async function countSchedules(
  repos: Pick<Repositories, 'schedules'>,
  tenantId: string,
): Promise<number> {
  let current = 0;
  let cursor: string | null = null;
  do {
    const page = await repos.schedules.list(tenantId, { limit: 100, cursor });
    current += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return current;
}
