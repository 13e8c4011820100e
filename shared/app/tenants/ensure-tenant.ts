import type { Tenant } from '../../contracts/tenant';
import { AppError } from '../../domain/errors';
import type { Repositories, Versioned } from '../../ports/repositories';
import { newTenantRecord } from './tenant-profiles';

/** The tenant's record, created with the default tier on first use (a racing creation is read back). */
export async function ensureTenant(
  deps: { repos: Pick<Repositories, 'tenants'>; clock: () => Date },
  tenantId: string,
): Promise<Versioned<Tenant>> {
  const found = await deps.repos.tenants.get(tenantId, tenantId);
  if (found) return found;
  try {
    return await deps.repos.tenants.insert(tenantId, newTenantRecord(tenantId, deps.clock()));
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    const raced = await deps.repos.tenants.get(tenantId, tenantId);
    if (!raced) throw err;
    return raced;
  }
}
