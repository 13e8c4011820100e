import type { QuotaAlertMarkers } from '../../ports/quota-alert-markers';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

/** Markers as rows (PartitionKey = tenant, RowKey = the alert key), written with an insert that fails if present. */
export function createTableQuotaAlertMarkers(
  tables: TableService,
  tableName = 'quotaalerts',
): QuotaAlertMarkers {
  const table = () => tables.table(tableName);
  return {
    async has(tenantId, key) {
      try {
        await (await table()).getEntity(tenantId, key);
        return true;
      } catch (err) {
        if (storageStatus(err) === 404) return false;
        throw err;
      }
    },
    async mark(tenantId, key, now) {
      try {
        await (
          await table()
        ).createEntity({ partitionKey: tenantId, rowKey: key, markedAt: now.toISOString() });
        return true;
      } catch (err) {
        if (storageStatus(err) === 409) return false;
        throw err;
      }
    },
  };
}
