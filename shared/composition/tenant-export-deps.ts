import type { DataSourceServices } from '../adapters/datasources/create-data-source-services';
import type { SubscriptionServices } from '../adapters/subscriptions/create-subscription-services';
import { createTableTenantExports } from '../adapters/table/table-tenant-exports';
import type { TableService } from '../adapters/table/table-service';
import type { AuditArchiveDeps } from '../app/audit/archive-expired-audit';
import type { TenantExportDeps } from '../app/tenants/export/tenant-export-deps';
import type { ArtifactBlobStore } from '../ports/artifact-blob-store';
import type { MessageBus } from '../ports/message-bus';
import type { Repositories } from '../ports/repositories';
import type { ExpiringStores } from './expiring-stores-deps';

/** A tenant's export reads every store of the tenant; its zip expires through the housekeeping index. */
export function createTenantExportDeps(parts: {
  tables: TableService;
  repos: Repositories;
  dataSources: DataSourceServices;
  subscriptions: SubscriptionServices;
  stores: ExpiringStores;
  auditArchive: AuditArchiveDeps;
  blobs: ArtifactBlobStore;
  bus: MessageBus;
  clock: () => Date;
}): TenantExportDeps {
  return {
    exports: createTableTenantExports(parts.tables),
    repos: parts.repos,
    dataSources: parts.dataSources.api.dataSources,
    subscriptions: parts.subscriptions.subscriptions,
    deliveries: parts.stores.deliveries,
    archive: parts.auditArchive.archive,
    blobs: parts.blobs,
    bus: parts.bus,
    clock: parts.clock,
    expireBlob: parts.stores.expireBlob,
  };
}
