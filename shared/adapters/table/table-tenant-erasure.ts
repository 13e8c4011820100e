import type { EraseRequests, PlatformAuditLog } from '../../ports/tenant-eraser';
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
