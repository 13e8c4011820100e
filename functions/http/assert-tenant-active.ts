import { AppError } from '../../shared/domain/errors';
import type { Principal } from '../../shared/app/auth/principal';
import type { HttpDeps } from '../../shared/composition/http-deps';

/**
 * Refuses (403 TENANT_SUSPENDED) every request of a tenant the operator suspended. Reads the cached
 * tenant profile, so it adds no storage read to most requests.
 */
export async function assertTenantActive(
  deps: Pick<HttpDeps, 'tenantProfiles'>,
  principal: Principal,
): Promise<void> {
  const tenant = await deps.tenantProfiles.get(principal.tenantId);
  if ((tenant.status ?? 'active') === 'active') return;
  throw new AppError(
    'TENANT_SUSPENDED',
    'This tenant is suspended; its data is kept, but nothing can be read or changed until the operator reactivates it',
    { tenantId: principal.tenantId },
  );
}
