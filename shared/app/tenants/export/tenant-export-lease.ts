import type { TenantExport } from '../../../contracts/tenant-export';
import { AppError } from '../../../domain/errors';
import type { TenantExportDeps } from './tenant-export-deps';

/** The failure recorded for an export whose worker did not finish within its lease. */
export const EXPORT_TIMED_OUT = 'EXPORT_TIMED_OUT';

/**
 * A `running` export past its lease is failed now (and stored so): its worker crashed or stalled, and the
 * message that would retry it is gone. Anything else is returned as it is.
 */
export async function settleExpiredLease(
  deps: Pick<TenantExportDeps, 'exports'>,
  record: TenantExport,
  now: Date,
): Promise<TenantExport> {
  if (record.status !== 'running' || record.leaseUntil > now.toISOString()) return record;
  const failed: TenantExport = {
    ...record,
    status: 'failed',
    finishedAt: now.toISOString(),
    failureReason: EXPORT_TIMED_OUT,
  };
  const stored = await deps.exports.get(record.tenantId, record.id);
  if (!stored || stored.doc.status !== 'running') return stored?.doc ?? failed;
  try {
    return (await deps.exports.replace(record.tenantId, failed, stored.etag)).doc;
  } catch (err) {
    // The worker finished meanwhile: its outcome wins.
    if (err instanceof AppError && err.code === 'PRECONDITION_FAILED')
      return (await deps.exports.get(record.tenantId, record.id))?.doc ?? failed;
    throw err;
  }
}
