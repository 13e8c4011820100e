import { setTimeout as delay } from 'node:timers/promises';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { TenantSecretStore } from '../../ports/tenant-secret-store';
import type {
  ErasedTenants,
  EraseRequests,
  PlatformAuditLog,
  TenantDurableWork,
  TenantStorageEraser,
} from '../../ports/tenant-eraser';
import type { MessageBus } from '../../ports/message-bus';
import {
  tenantInstancePurgeQueueName,
  type TenantInstancesPurgeRequested,
} from '../../contracts/tenant-erase';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';

export interface EraseTenantDeps {
  requests: EraseRequests;
  eraser: TenantStorageEraser;
  secrets: TenantSecretStore;
  platformAudit: PlatformAuditLog;
  /** Marked first: queue consumers drop the tenant's messages from then on. */
  erased: ErasedTenants;
  /** The runs and deliveries whose Durable instances are purged (through the purge queue). */
  durableWork: TenantDurableWork;
  bus: MessageBus;
  clock: () => Date;
}

/** Runs or deliveries per purge message. */
const PURGE_BATCH = 100;

/**
 * Queues the purge of the tenant's Durable instances, in batches, before the rows naming them are gone;
 * how many runs and deliveries. A consumer with a Durable client terminates and purges them.
 */
async function queueInstancePurges(deps: EraseTenantDeps, tenantId: string, stamp: string) {
  let batch: TenantInstancesPurgeRequested = { runIds: [], deliveries: [] };
  let sent = 0;
  let count = 0;
  const flush = async () => {
    if (batch.runIds.length + batch.deliveries.length === 0) return;
    await deps.bus.publish(tenantInstancePurgeQueueName, {
      messageId: `purge-${sha256(tenantId).slice(0, 16)}-${stamp}-${sent++}`,
      body: batch,
    });
    batch = { runIds: [], deliveries: [] };
  };
  for await (const work of deps.durableWork(tenantId)) {
    if ('runId' in work) batch.runIds.push(work.runId);
    else batch.deliveries.push({ id: work.deliveryId, redrives: work.redrives });
    count++;
    if (batch.runIds.length >= PURGE_BATCH || batch.deliveries.length >= PURGE_BATCH) await flush();
  }
  await flush();
  return count;
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
  // From here on no queued message of the tenant is worked (docs/tenancy.md).
  await deps.erased.mark(principal.tenantId);
  // A consumer may answer from a snapshot read just before the mark: nothing is deleted until it is stale.
  const settled = delay(deps.erased.staleForMs);
  const durableInstances = await queueInstancePurges(
    deps,
    principal.tenantId,
    String(deps.clock().getTime()),
  );
  await settled;
  let secrets = 0;
  for (const { name } of await deps.secrets.list(principal.tenantId))
    if (await deps.secrets.delete(principal.tenantId, name)) secrets++;
  const removed = { secrets, durableInstances, ...(await deps.eraser.erase(principal.tenantId)) };
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
