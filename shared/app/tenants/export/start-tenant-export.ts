import { randomBytes } from 'node:crypto';
import { tenantExportQueueName, type TenantExport } from '../../../contracts/tenant-export';
import { AppError } from '../../../domain/errors';
import { newId } from '../../../domain/ids';
import { authorize } from '../../auth/authorize';
import type { Principal } from '../../auth/principal';
import { recordAudit } from '../../audit/record-audit';
import { settleExpiredLease } from './tenant-export-lease';
import { EXPORT_LEASE_MINUTES, type TenantExportDeps } from './tenant-export-deps';

/** Exports looked at for one still running: the newest few (an older one's lease has long run out). */
const RECENT = 10;

/**
 * Starts an export of the caller's tenant (tenant admins): one at a time — while one runs a second is
 * refused with 409 EXPORT_IN_PROGRESS. The record is written, the work queued, the request audited.
 */
export async function startTenantExport(deps: TenantExportDeps, principal: Principal): Promise<TenantExport> {
  authorize(principal, 'admin');
  const { tenantId } = principal;
  const now = deps.clock();
  const recent = await deps.exports.list(tenantId, { index: 'newest', limit: RECENT });
  for (const found of recent.items) {
    const current = await settleExpiredLease(deps, found, now);
    if (current.status === 'running')
      throw new AppError('EXPORT_IN_PROGRESS', 'An export of this tenant is already running', {
        exportId: current.id,
      });
  }
  const record: TenantExport = {
    id: newId(now, randomBytes),
    tenantId,
    status: 'running',
    requestedBy: principal.userId,
    createdAt: now.toISOString(),
    leaseUntil: new Date(now.getTime() + EXPORT_LEASE_MINUTES * 60_000).toISOString(),
  };
  await deps.exports.insert(tenantId, record);
  await deps.bus.publish(tenantExportQueueName, {
    messageId: `export-${record.id}`,
    body: { tenantId, exportId: record.id },
  });
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, principal, {
    action: 'tenant.export_requested',
    entityType: 'tenant_export',
    entityId: record.id,
  });
  return record;
}
