import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { TenantSecretStore } from '../../ports/tenant-secret-store';
import type { EraseRequests, PlatformAuditLog, TenantStorageEraser } from '../../ports/tenant-eraser';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';

export interface EraseTenantDeps {
  requests: EraseRequests;
  eraser: TenantStorageEraser;
  secrets: TenantSecretStore;
  platformAudit: PlatformAuditLog;
  clock: () => Date;
}

/** How long a confirmation token may be used. */
export const ERASE_CONFIRMATION_MINUTES = 15;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** First call: a one-time confirmation token (only its hash is kept) for the erase that follows. */
export async function requestTenantErase(
  deps: EraseTenantDeps,
  principal: Principal,
): Promise<{ confirmationToken: string; expiresAt: string }> {
  authorize(principal, 'admin');
  const confirmationToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(deps.clock().getTime() + ERASE_CONFIRMATION_MINUTES * 60_000).toISOString();
  await deps.requests.put(principal.tenantId, { tokenSha256: sha256(confirmationToken), expiresAt });
  return { confirmationToken, expiresAt };
}

function confirmationFailed(): AppError {
  return new AppError('PRECONDITION_FAILED', 'The confirmation token is not valid or has expired', {
    field: 'confirmationToken',
  });
}

/**
 * Second call: every secret, row and blob of the caller's tenant is removed, then one record of the erase
 * goes to the platform audit log (the tenant as a hash, counts only).
 */
export async function eraseTenant(
  deps: EraseTenantDeps,
  principal: Principal,
  confirmationToken: string,
): Promise<{ erasedAt: string; removed: Record<string, number> }> {
  authorize(principal, 'admin');
  const request = await deps.requests.get(principal.tenantId);
  const given = Buffer.from(sha256(confirmationToken));
  if (
    !request ||
    request.expiresAt <= deps.clock().toISOString() ||
    !timingSafeEqual(given, Buffer.from(request.tokenSha256))
  )
    throw confirmationFailed();
  let secrets = 0;
  for (const { name } of await deps.secrets.list(principal.tenantId))
    if (await deps.secrets.delete(principal.tenantId, name)) secrets++;
  const removed = { secrets, ...(await deps.eraser.erase(principal.tenantId)) };
  const now = deps.clock();
  await deps.platformAudit.append({
    id: newId(now, randomBytes),
    action: 'tenant.erased',
    timestamp: now.toISOString(),
    tenantRef: sha256(principal.tenantId),
    actorRole: 'tenant_admin',
    counts: removed,
  });
  return { erasedAt: now.toISOString(), removed };
}
