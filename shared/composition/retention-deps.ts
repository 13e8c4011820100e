import type { BlobServiceClient } from '@azure/storage-blob';
import type { AppConfig } from '../config/app-config';
import { createBlobAuditArchive } from '../adapters/blob/blob-audit-archive';
import { createStorageTenantEraser } from '../adapters/storage/storage-tenant-eraser';
import type { SubscriptionServices } from '../adapters/subscriptions/create-subscription-services';
import { createTableAuditDayIndex } from '../adapters/table/table-audit-log';
import { createTableHousekeepingIndex } from '../adapters/table/table-housekeeping-index';
import { createTableIdempotencyStore } from '../adapters/table/table-idempotency-store';
import { createTableQuotaAlertMarkers } from '../adapters/table/table-quota-alert-markers';
import { createTableSignatureLedger } from '../adapters/table/table-event-trigger-stores';
import { createTableRunRecordRetention } from '../adapters/table/table-run-record-retention';
import { createTableTenantDirectory } from '../adapters/table/table-tenant-directory';
import type { TableService } from '../adapters/table/table-service';
import {
  createTableEraseRequests,
  createTableErasedTenants,
  createTablePlatformAuditLog,
} from '../adapters/table/table-tenant-erasure';
import type { MessageBus } from '../ports/message-bus';
import type { ArtifactBlobStore } from '../ports/artifact-blob-store';
import type { TenantDurableWork } from '../ports/tenant-eraser';
import type { DeliveryRecord } from '../contracts/delivery';
import type { DocumentTable } from '../ports/document-store';
import type { AuditArchiveDeps } from '../app/audit/archive-expired-audit';
import { expiredRecordRemovers, indexExpiringWrites } from '../app/housekeeping/expiring-stores';
import type { HousekeepingDeps } from '../app/housekeeping/run-housekeeping';
import type { EraseTenantDeps } from '../app/tenants/erase-tenant';
import type { RunRetentionDeps } from '../app/runs/expire-run-records';
import type { Repositories } from '../ports/repositories';
import type { createTableDeliveryLedger } from '../adapters/table/table-delivery-ledger';

/** Audit events past retention (one NDJSON blob per tenant-day; immutable in Azure). */
export const auditArchiveContainer = 'audit-archive';

/**
 * The stores whose records expire, each writing an entry into the housekeeping index as it writes a record,
 * so the hourly pass finds what expired in O(expired) (docs/retention.md).
 */
export function createExpiringStores(
  tables: TableService,
  repos: Repositories,
  deliveryLedger: ReturnType<typeof createTableDeliveryLedger>,
) {
  const index = createTableHousekeepingIndex(tables);
  const expiring = indexExpiringWrites(index, repos);
  return {
    index,
    idempotency: expiring.idempotency(createTableIdempotencyStore(tables)),
    signatures: expiring.signatures(createTableSignatureLedger(tables)),
    deliveries: expiring.deliveries(deliveryLedger),
    quotaAlertMarkers: expiring.quotaAlertMarkers(createTableQuotaAlertMarkers(tables)),
    /** Dispatch records also go into the index as they are written. */
    withExpiringDispatches: (services: SubscriptionServices): SubscriptionServices => ({
      ...services,
      ledger: expiring.dispatches(services.ledger),
    }),
  };
}

export type ExpiringStores = ReturnType<typeof createExpiringStores>;

/** A tenant's runs and deliveries, read page by page: what ran through Durable Functions. */
export function durableWorkOf(
  repos: Repositories,
  deliveries: DocumentTable<DeliveryRecord>,
): TenantDurableWork {
  return async function* (tenantId) {
    let cursor: string | null = null;
    do {
      const page = await repos.runs.list(tenantId, { limit: 100, cursor });
      for (const run of page.items) yield { runId: run.id };
      cursor = page.nextCursor;
    } while (cursor);
    do {
      const page = await deliveries.list(tenantId, { limit: 100, cursor });
      for (const d of page.items) yield { deliveryId: d.id, redrives: d.redrives };
      cursor = page.nextCursor;
    } while (cursor);
  };
}

/**
 * What removes data on a schedule or on request: the audit archive, housekeeping, run records past their
 * tenant's retention, a tenant's erase.
 */
export function createRetentionDeps(
  config: AppConfig,
  parts: {
    tables: TableService;
    blobService: BlobServiceClient;
    repos: Repositories;
    stores: ExpiringStores;
    dispatches: SubscriptionServices['ledger'];
    secrets: EraseTenantDeps['secrets'];
    bus: MessageBus;
    blobs: ArtifactBlobStore;
    clock: () => Date;
  },
): {
  auditArchive: AuditArchiveDeps;
  housekeeping: HousekeepingDeps;
  runRetention: RunRetentionDeps;
  tenantErase: EraseTenantDeps;
} {
  const { tables, blobService, repos, stores, clock } = parts;
  return {
    auditArchive: {
      audit: repos.audit,
      days: createTableAuditDayIndex(tables),
      archive: createBlobAuditArchive(blobService, auditArchiveContainer),
      clock,
      retentionDays: config.AUDIT_RETENTION_DAYS,
    },
    housekeeping: {
      index: stores.index,
      removers: expiredRecordRemovers({
        repos,
        idempotency: stores.idempotency,
        signatures: stores.signatures,
        deliveries: stores.deliveries,
        markers: stores.quotaAlertMarkers,
        dispatches: parts.dispatches,
        index: stores.index,
        blobs: parts.blobs,
      }),
      clock,
    },
    runRetention: {
      directory: createTableTenantDirectory(tables),
      store: createTableRunRecordRetention(tables),
      clock,
    },
    tenantErase: {
      requests: createTableEraseRequests(tables),
      eraser: createStorageTenantEraser({
        tables,
        blobs: blobService,
        containers: [config.ARTIFACT_CONTAINER, auditArchiveContainer],
      }),
      secrets: parts.secrets,
      platformAudit: createTablePlatformAuditLog(tables),
      erased: createTableErasedTenants(tables, clock),
      durableWork: durableWorkOf(repos, stores.deliveries),
      bus: parts.bus,
      clock,
    },
  };
}
