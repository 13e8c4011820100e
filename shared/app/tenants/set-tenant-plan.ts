import type { Tenant } from '../../contracts/tenant';
import type { AdminTenantUpdate } from '../../contracts/tenant-resources';
import type { Versioned } from '../../ports/repositories';
import type { Precondition } from '../audit/audited-documents';
import { boundedDiff } from '../audit/bounded-diff';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../auth/principal';
import { ensureTenant } from './ensure-tenant';
import type { TenantDeps } from './tenant-deps';

const planView = (t: Tenant) => ({
  tier: t.tier,
  status: t.status ?? 'active',
  overrides: t.overrides ?? {},
});

/**
 * `PUT /api/v1/admin/tenants/{id}` (platform operator): sets a tenant's tier, status and overrides,
 * creating its record if it has none yet. The change is audited in the tenant's own log (the actor is
 * the operator, marked `platform:`), so the tenant sees who changed its plan.
 */
export async function setTenantPlan(
  deps: Pick<TenantDeps, 'repos' | 'profiles' | 'clock'>,
  operator: Principal,
  tenantId: string,
  update: AdminTenantUpdate,
  precondition?: Precondition,
): Promise<Versioned<Tenant>> {
  const current = await ensureTenant(deps, tenantId);
  precondition?.(current.etag);
  const next: Tenant = {
    ...current.doc,
    tier: update.tier,
    status: update.status,
    overrides: update.overrides,
    updatedAt: deps.clock().toISOString(),
  };
  const stored = await deps.repos.tenants.replace(tenantId, next, current.etag);
  deps.profiles.invalidate(tenantId);
  await recordAudit(
    { audit: deps.repos.audit, clock: deps.clock },
    { tenantId, userId: `platform:${operator.userId}` },
    {
      action: current.doc.status !== next.status ? `tenant.${next.status}` : 'tenant.plan_changed',
      entityType: 'tenant',
      entityId: tenantId,
      diff: boundedDiff(planView(current.doc), planView(next)),
    },
  );
  return stored;
}
