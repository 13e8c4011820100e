import { createHash } from 'node:crypto';
import type { EraseRequests, ErasedTenants, PlatformAuditLog } from '../../ports/tenant-eraser';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

/** `tenanterasures`: PartitionKey tenant, one row; erased with the tenant. */
export function createTableEraseRequests(tables: TableService): EraseRequests {
  const table = () => tables.table('tenanterasures');
  return {
    async put(tenantId, request) {
      await (
        await table()
      ).upsertEntity({ partitionKey: tenantId, rowKey: 'request', ...request }, 'Replace');
    },
    async get(tenantId) {
      try {
        const row = await (
          await table()
        ).getEntity<{ tokenSha256: string; expiresAt: string }>(tenantId, 'request');
        return { tokenSha256: row.tokenSha256, expiresAt: row.expiresAt };
      } catch (err) {
        if (storageStatus(err) === 404) return undefined;
        throw err;
      }
    },
  };
}

/** `platformaudit`: PartitionKey `{action}-{yyyyMM}`, RowKey `{timestamp}|{id}`. */
export function createTablePlatformAuditLog(tables: TableService): PlatformAuditLog {
  return {
    async append(record) {
      await (
        await tables.table('platformaudit')
      ).createEntity({
        partitionKey: `${record.action}-${record.timestamp.slice(0, 7).replace('-', '')}`,
        rowKey: `${record.timestamp}|${record.id}`,
        action: record.action,
        timestamp: record.timestamp,
        tenantRef: record.tenantRef,
        actorRole: record.actorRole,
        counts: JSON.stringify(record.counts),
      });
    },
  };
}

/** How long a queued message can live: Service Bus's default time to live (Storage queues keep 7 days). */
export const ERASED_MARKER_DAYS = 14;

/** `erasedtenants`: PartitionKey the SHA-256 of the tenant id (no personal data), one row; platform-level. */
export function createTableErasedTenants(tables: TableService, clock: () => Date): ErasedTenants {
  const table = () => tables.table('erasedtenants');
  const key = (tenantId: string) => createHash('sha256').update(tenantId).digest('hex');
  return {
    async mark(tenantId) {
      const now = clock();
      await (
        await table()
      ).upsertEntity(
        {
          partitionKey: key(tenantId),
          rowKey: 'marker',
          erasedAt: now.toISOString(),
          until: new Date(now.getTime() + ERASED_MARKER_DAYS * 86_400_000).toISOString(),
        },
        'Replace',
      );
    },
    async isErased(tenantId) {
      try {
        const row = await (await table()).getEntity<{ until: string }>(key(tenantId), 'marker');
        return row.until > clock().toISOString();
      } catch (err) {
        if (storageStatus(err) === 404) return false;
        throw err;
      }
    },
  };
}
