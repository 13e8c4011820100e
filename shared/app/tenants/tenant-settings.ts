import type { Tenant } from '../../contracts/tenant';
import type { Repositories } from '../../ports/repositories';
import { limitsOf } from './tenant-limits';
import { newTenantRecord } from './tenant-profiles';

/** The settings a tenant chose, as they apply: each within its tier's bound (a downgrade lowers them). */
export interface EffectiveTenantSettings {
  /** The largest file a message carries as an attachment; a larger one goes as a link. */
  maxAttachmentBytes: number;
  /** Days a new artifact (and the receipts of its deliveries) is kept; a finished run record, too. */
  retentionDays: number;
}

export function effectiveTenantSettings(
  tenant: Pick<Tenant, 'tier' | 'overrides' | 'maxAttachmentBytes' | 'retentionDays'>,
): EffectiveTenantSettings {
  const limits = limitsOf(tenant);
  return {
    maxAttachmentBytes: Math.min(
      tenant.maxAttachmentBytes ?? limits.maxAttachmentBytes,
      limits.maxAttachmentBytes,
    ),
    retentionDays: Math.min(tenant.retentionDays, limits.maxRetentionDays),
  };
}

/** The tenant's settings as stored now (a tenant without a record has a new tenant's defaults). */
export async function readTenantSettings(
  repos: Pick<Repositories, 'tenants'>,
  tenantId: string,
  now: Date,
): Promise<EffectiveTenantSettings> {
  const tenant = (await repos.tenants.get(tenantId, tenantId))?.doc ?? newTenantRecord(tenantId, now);
  return effectiveTenantSettings(tenant);
}
