import type { Tier } from '../../contracts/common';

/** Per-tier quotas; null = unlimited. */
export interface QuotaLimits {
  schedules: Readonly<Record<Tier, number | null>>;
  executionsPerDay: Readonly<Record<Tier, number | null>>;
}

export const quotaLimits: QuotaLimits = {
  schedules: { standard: 50, premium: 500, enterprise: null },
  executionsPerDay: { standard: 1_000, premium: 10_000, enterprise: null },
};
