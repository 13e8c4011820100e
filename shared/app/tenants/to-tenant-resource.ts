import type { Tenant } from '../../contracts/tenant';
import type { AdminTenantResource, TenantResource } from '../../contracts/tenant-resources';
import { limitsOf } from './tenant-limits';
import { effectiveTenantSettings } from './tenant-settings';

/** The API form of a tenant record, with the limits its tier (and overrides) give. */
export function toTenantResource(tenant: Tenant): TenantResource {
  const limits = limitsOf(tenant);
  return {
    id: tenant.id,
    displayName: tenant.name,
    tier: tenant.tier,
    status: tenant.status ?? 'active',
    defaultTimeZone: tenant.timezone,
    alertEmails: tenant.alertEmails ?? [],
    ...effectiveTenantSettings(tenant),
    limits,
    createdAt: tenant.createdAt,
    updatedAt: tenant.updatedAt ?? null,
  };
}

export function toAdminTenantResource(tenant: Tenant): AdminTenantResource {
  return { ...toTenantResource(tenant), overrides: tenant.overrides ?? {} };
}
