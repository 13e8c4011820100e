import type { TenantExport, TenantExportRequested } from '../../../contracts/tenant-export';
import { AppError } from '../../../domain/errors';
import { exportSections } from './export-sections';
import { settleExpiredLease } from './tenant-export-lease';
import { EXPORT_KEPT_HOURS, type TenantExportDeps } from './tenant-export-deps';
import { writeExportZip } from './write-export-zip';

export type ExportOutcome = 'succeeded' | 'failed' | 'skipped';

/** `tenants/{t}/` is added by the store: the zip lives beside the tenant's artifacts, so the erase removes it. */
export const exportZipPath = (exportId: string) => `exports/${exportId}.zip`;

/** A failure's reason as stored: an error code, never a message that could quote data. */
const reasonOf = (err: unknown) => (err instanceof AppError ? err.code : 'EXPORT_FAILED');

async function finish(deps: TenantExportDeps, record: TenantExport, outcome: Partial<TenantExport>) {
  const stored = await deps.exports.get(record.tenantId, record.id);
  // Erased meanwhile, or already settled (a lease that ran out): nothing to record.
  if (!stored || stored.doc.status !== 'running') return false;
  await deps.exports.replace(record.tenantId, { ...stored.doc, ...outcome }, stored.etag);
  return true;
}

/**
 * The worker's part (queue consumer): writes the zip and records the outcome. A duplicate or late message
 * (export no longer running, or past its lease) does nothing; a crash leaves the export running, the
 * message comes back and the zip is written again from the start; a failure is recorded with its code.
 */
export async function runTenantExport(
  deps: TenantExportDeps,
  message: TenantExportRequested,
): Promise<ExportOutcome> {
  const found = await deps.exports.get(message.tenantId, message.exportId);
  if (!found) return 'skipped';
  const record = await settleExpiredLease(deps, found.doc, deps.clock());
  if (record.status !== 'running') return 'skipped';
  const startedAt = deps.clock();
  try {
    const tenant = await deps.repos.tenants.get(record.tenantId, record.tenantId);
    const { stored } = await writeExportZip(
      deps.blobs,
      { tenantId: record.tenantId, relativePath: exportZipPath(record.id) },
      {
        header: { tenant: record.tenantId, exportId: record.id, createdAt: startedAt.toISOString() },
        tenant: tenant?.doc ?? { id: record.tenantId },
        sections: exportSections(deps, record.tenantId, startedAt),
      },
    );
    const finishedAt = deps.clock();
    const expiresAt = new Date(finishedAt.getTime() + EXPORT_KEPT_HOURS * 3_600_000).toISOString();
    await deps.expireBlob(record.tenantId, stored.blobName, expiresAt);
    const recorded = await finish(deps, record, {
      status: 'succeeded',
      finishedAt: finishedAt.toISOString(),
      blobName: stored.blobName,
      sizeBytes: stored.bytes,
      sha256: stored.sha256,
      expiresAt,
    });
    if (!recorded) await deps.blobs.delete(record.tenantId, stored.blobName);
    return recorded ? 'succeeded' : 'skipped';
  } catch (err) {
    await deps.blobs
      .delete(record.tenantId, `tenants/${record.tenantId}/${exportZipPath(record.id)}`)
      .catch(() => {});
    await finish(deps, record, {
      status: 'failed',
      finishedAt: deps.clock().toISOString(),
      failureReason: reasonOf(err),
    });
    return 'failed';
  }
}
