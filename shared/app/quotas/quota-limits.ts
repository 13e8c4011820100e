import type { Tier } from '../../contracts/common';
import { tierCatalog } from '../tenants/tier-catalog';

/** Per-tier quotas; null = unlimited. A tenant's own limits are `limitsOf(tenant)`. */
export interface QuotaLimits {
  schedules: Readonly<Record<Tier, number | null>>;
  executionsPerDay: Readonly<Record<Tier, number | null>>;
}

export const quotaLimits: QuotaLimits = {
  schedules: {
    standard: tierCatalog.standard.schedules,
    premium: tierCatalog.premium.schedules,
    enterprise: tierCatalog.enterprise.schedules,
  },
  executionsPerDay: {
    standard: tierCatalog.standard.executionsPerDay,
    premium: tierCatalog.premium.executionsPerDay,
    enterprise: tierCatalog.enterprise.executionsPerDay,
  },
};
