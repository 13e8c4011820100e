import type { Tenant } from '../../contracts/tenant';
import { tierCatalog, type TierLimits } from './tier-catalog';

export type TenantLimits = TierLimits;

/**
 * A tenant's limits: its tier's, with the operator's overrides on top for an Enterprise ("custom")
 * tenant. Overrides on a Standard or Premium tenant are kept but not applied (a downgrade keeps them
 * for a later upgrade, and a tier is never silently exceeded).
 */
export function limitsOf(tenant: Pick<Tenant, 'tier' | 'overrides'>): TenantLimits {
  const base = tierCatalog[tenant.tier];
  if (tenant.tier !== 'enterprise' || !tenant.overrides) return base;
  const o = tenant.overrides;
  return {
    schedules: o.schedules === undefined ? base.schedules : o.schedules,
    executionsPerDay: o.executionsPerDay === undefined ? base.executionsPerDay : o.executionsPerDay,
    maxRetentionDays: o.maxRetentionDays ?? base.maxRetentionDays,
    maxConcurrentExecutions: o.maxConcurrentExecutions ?? base.maxConcurrentExecutions,
    maxAttachmentBytes: o.maxAttachmentBytes ?? base.maxAttachmentBytes,
    rateLimitTier: o.rateLimitTier ?? base.rateLimitTier,
  };
}
