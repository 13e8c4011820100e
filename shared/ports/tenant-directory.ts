import type { Tenant } from '../contracts/tenant';
import type { Page } from './document-store';

/**
 * Every tenant's record, for the platform operator only (`/api/v1/admin/tenants`): the one read of the
 * tenants table that crosses partitions. Never reachable with a tenant role.
 */
export interface TenantDirectory {
  list(options: { limit: number; cursor?: string | null }): Promise<Page<Tenant>>;
}
