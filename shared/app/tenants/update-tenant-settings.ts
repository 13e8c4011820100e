import type { Tenant } from '../../contracts/tenant';
import type { TenantPatch } from '../../contracts/tenant-resources';
import { AppError } from '../../domain/errors';
import type { Versioned } from '../../ports/repositories';
import type { Precondition } from '../audit/audited-documents';
import { boundedDiff } from '../audit/bounded-diff';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../auth/principal';
import { ensureTenant } from './ensure-tenant';
import { limitsOf } from './tenant-limits';
import type { TenantDeps } from './tenant-deps';

/** The settings a tenant admin changes, as the audit diff shows them. */
const settingsView = (t: Tenant) => ({
  displayName: t.name,
  defaultTimeZone: t.timezone,
  alertEmails: t.alertEmails ?? [],
  maxAttachmentBytes: t.maxAttachmentBytes ?? null,
  retentionDays: t.retentionDays,
});

function assertWithinTier(tenant: Tenant, patch: TenantPatch): void {
  const limits = limitsOf(tenant);
  const issues: { field: string; message: string }[] = [];
  if (patch.retentionDays !== undefined && patch.retentionDays > limits.maxRetentionDays)
    issues.push({
      field: 'retentionDays',
      message: `must be at most ${limits.maxRetentionDays} days on the ${tenant.tier} tier`,
    });
  if (patch.maxAttachmentBytes !== undefined && patch.maxAttachmentBytes > limits.maxAttachmentBytes)
    issues.push({
      field: 'maxAttachmentBytes',
      message: `must be at most ${limits.maxAttachmentBytes} bytes on the ${tenant.tier} tier`,
    });
  if (issues.length)
    throw new AppError('VALIDATION_ERROR', "A setting is beyond what the tenant's tier allows", { issues });
}

/**
 * `PATCH /api/v1/tenant`: changes the tenant's own settings within its tier's bounds (412 on a stale
 * If-Match; the replace is guarded by the ETag read), audits the change and drops the cached profile.
 */
export async function updateTenantSettings(
  deps: Pick<TenantDeps, 'repos' | 'profiles' | 'clock'>,
  principal: Principal,
  patch: TenantPatch,
  precondition?: Precondition,
): Promise<Versioned<Tenant>> {
  const current = await ensureTenant(deps, principal.tenantId);
  precondition?.(current.etag);
  assertWithinTier(current.doc, patch);
  const next: Tenant = {
    ...current.doc,
    ...(patch.displayName !== undefined ? { name: patch.displayName } : {}),
    ...(patch.defaultTimeZone !== undefined ? { timezone: patch.defaultTimeZone } : {}),
    ...(patch.alertEmails !== undefined ? { alertEmails: [...new Set(patch.alertEmails)] } : {}),
    ...(patch.maxAttachmentBytes !== undefined ? { maxAttachmentBytes: patch.maxAttachmentBytes } : {}),
    ...(patch.retentionDays !== undefined ? { retentionDays: patch.retentionDays } : {}),
    updatedAt: deps.clock().toISOString(),
  };
  const stored = await deps.repos.tenants.replace(principal.tenantId, next, current.etag);
  deps.profiles.invalidate(principal.tenantId);
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, principal, {
    action: 'tenant.updated',
    entityType: 'tenant',
    entityId: principal.tenantId,
    diff: boundedDiff(settingsView(current.doc), settingsView(next)),
  });
  return stored;
}
