import { z } from 'zod';
import { Id, IsoDateTime, Sha256Hex, TenantId } from './primitives';

/** The queue of tenant exports: Service Bus in Azure, the Storage queue of the same name locally. */
export const tenantExportQueueName = 'tenant-exports';

export const TenantExportStatus = z.enum(['running', 'succeeded', 'failed']);
export type TenantExportStatus = z.infer<typeof TenantExportStatus>;

/** An export as stored (`tenantexports`, PartitionKey the tenant). */
export const TenantExport = z.strictObject({
  id: Id,
  tenantId: TenantId,
  status: TenantExportStatus,
  requestedBy: z.string(),
  createdAt: IsoDateTime,
  /** A `running` export past this instant is failed (`EXPORT_TIMED_OUT`): its worker died or stalled. */
  leaseUntil: IsoDateTime,
  finishedAt: IsoDateTime.optional(),
  /** `tenants/{tenantId}/exports/{id}.zip` in the artifact container, once written. */
  blobName: z.string().optional(),
  sizeBytes: z.number().int().min(0).optional(),
  sha256: Sha256Hex.optional(),
  /** When the zip is removed (and its link stops working). */
  expiresAt: IsoDateTime.optional(),
  /** Why a failed export failed: a code, never data. */
  failureReason: z.string().max(200).optional(),
});
export type TenantExport = z.infer<typeof TenantExport>;

/** An export as the API shows it; a succeeded one carries a short-lived signed link to the zip. */
export const TenantExportResource = z
  .strictObject({
    id: Id,
    status: TenantExportStatus,
    createdAt: IsoDateTime,
    finishedAt: IsoDateTime.optional(),
    downloadUrl: z.string().optional(),
    /** When `downloadUrl` stops working. */
    expiresAt: IsoDateTime.optional(),
    sizeBytes: z.number().int().min(0).optional(),
    sha256: Sha256Hex.optional(),
    failureReason: z.string().optional(),
  })
  .meta({ id: 'TenantExport' });
export type TenantExportResource = z.infer<typeof TenantExportResource>;

/** The message that has a worker write the zip. */
export const TenantExportRequested = z.strictObject({ tenantId: TenantId, exportId: Id });
export type TenantExportRequested = z.infer<typeof TenantExportRequested>;
