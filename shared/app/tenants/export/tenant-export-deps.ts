import type { DataSourceDefinition } from '../../../contracts/data-source';
import type { DeliveryRecord } from '../../../contracts/delivery';
import type { Subscription } from '../../../contracts/subscription';
import type { TenantExport } from '../../../contracts/tenant-export';
import type { ArtifactBlobStore } from '../../../ports/artifact-blob-store';
import type { AuditArchive } from '../../../ports/audit-archive';
import type { DocumentTable } from '../../../ports/document-store';
import type { MessageBus } from '../../../ports/message-bus';
import type { Repositories } from '../../../ports/repositories';

/** What a tenant's export reads (every store of the tenant) and where it writes (the artifact container). */
export interface TenantExportDeps {
  exports: DocumentTable<TenantExport>;
  repos: Repositories;
  dataSources: DocumentTable<DataSourceDefinition>;
  subscriptions: DocumentTable<Subscription>;
  deliveries: DocumentTable<DeliveryRecord>;
  archive: AuditArchive;
  blobs: ArtifactBlobStore;
  bus: MessageBus;
  clock: () => Date;
  /** Has the zip removed once it expires (the housekeeping pass). */
  expireBlob: (tenantId: string, blobName: string, expiresAt: string) => Promise<void>;
}

/** A worker that has not finished by then has died or stalled: the export is failed, never `running` forever. */
export const EXPORT_LEASE_MINUTES = 30;
/** How long the zip is kept and its link works after the export finished. */
export const EXPORT_KEPT_HOURS = 24;
/** The artifacts manifest's per-file links: as long as an artifact's own signed URL. */
export const EXPORT_ARTIFACT_LINK_DAYS = 7;
/** Rows read per storage request: no store is ever read whole into memory. */
export const EXPORT_PAGE_SIZE = 100;
