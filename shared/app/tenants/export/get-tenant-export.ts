import type { TenantExportResource } from '../../../contracts/tenant-export';
import { notFound } from '../../../domain/errors';
import type { Page } from '../../../ports/document-store';
import { authorize } from '../../auth/authorize';
import type { Principal } from '../../auth/principal';
import { settleExpiredLease } from './tenant-export-lease';
import type { TenantExportDeps } from './tenant-export-deps';
import type { TenantExport } from '../../../contracts/tenant-export';

/** The export as the API shows it: a succeeded one with a signed link until the zip expires. */
async function toResource(
  deps: TenantExportDeps,
  record: TenantExport,
  now: Date,
): Promise<TenantExportResource> {
  const current = await settleExpiredLease(deps, record, now);
  const { id, status, createdAt, finishedAt, sizeBytes, sha256, failureReason, blobName, expiresAt } =
    current;
  const linkable = status === 'succeeded' && blobName && expiresAt && expiresAt > now.toISOString();
  return {
    id,
    status,
    createdAt,
    ...(finishedAt ? { finishedAt } : {}),
    ...(sizeBytes !== undefined ? { sizeBytes } : {}),
    ...(sha256 ? { sha256 } : {}),
    ...(failureReason ? { failureReason } : {}),
    ...(linkable
      ? {
          downloadUrl: await deps.blobs.signedUrl(current.tenantId, blobName, {
            expiresAt: new Date(expiresAt),
            downloadName: `export-${createdAt.slice(0, 10)}-${id}.zip`,
          }),
          expiresAt,
        }
      : {}),
  };
}

export async function getTenantExport(
  deps: TenantExportDeps,
  principal: Principal,
  id: string,
): Promise<TenantExportResource> {
  authorize(principal, 'admin');
  const found = await deps.exports.get(principal.tenantId, id);
  if (!found) throw notFound('Export', id);
  return toResource(deps, found.doc, deps.clock());
}

/** The tenant's exports, newest first. */
export async function listTenantExports(
  deps: TenantExportDeps,
  principal: Principal,
  query: { limit: number; cursor: string | null },
): Promise<Page<TenantExportResource>> {
  authorize(principal, 'admin');
  const page = await deps.exports.list(principal.tenantId, { index: 'newest', ...query });
  const now = deps.clock();
  return {
    items: await Promise.all(page.items.map((e) => toResource(deps, e, now))),
    nextCursor: page.nextCursor,
  };
}
