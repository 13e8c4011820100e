import type { BlobServiceClient } from '@azure/storage-blob';
import type { AppConfig } from '../config/app-config';
import { createBlobAuditArchive } from '../adapters/blob/blob-audit-archive';
import { createStorageTenantEraser } from '../adapters/storage/storage-tenant-eraser';
import { createTableAuditDayIndex } from '../adapters/table/table-audit-log';
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
import { expiredRecordRemovers } from '../app/housekeeping/expiring-stores';
import type { HousekeepingDeps } from '../app/housekeeping/run-housekeeping';
import type { EraseTenantDeps } from '../app/tenants/erase-tenant';
import type { RunRetentionDeps } from '../app/runs/expire-run-records';
import { createTableRunRecordRetention } from '../adapters/table/table-run-record-retention';
import { createTableTenantDirectory } from '../adapters/table/table-tenant-directory';
import type { Repositories } from '../ports/repositories';
import type { SubscriptionServices } from '../adapters/subscriptions/create-subscription-services';
import type { ExpiringStores } from './expiring-stores-deps';

/** Audit events past retention (one NDJSON blob per tenant-day; immutable in Azure). */
export const auditArchiveContainer = 'audit-archive';

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
