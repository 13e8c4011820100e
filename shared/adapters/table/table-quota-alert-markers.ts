import type { QuotaAlertMarkers } from '../../ports/quota-alert-markers';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

const crossingKey = (quota: string) => `crossing|${quota}`;
/** A crossing's id: when it began, to the millisecond (letters and digits only: it becomes part of ids). */
const crossingId = (now: Date) => now.toISOString().replace(/[-:.]/g, '');

/**
 * Markers as rows (PartitionKey = tenant, RowKey = the alert key), written with an insert that fails if
 * present; an open crossing is the row `crossing|{quota}` holding its id.
 */
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
    async openCrossing(tenantId, quota, now) {
      const client = await table();
      const id = crossingId(now);
      try {
        await client.createEntity({ partitionKey: tenantId, rowKey: crossingKey(quota), crossing: id });
        return id;
      } catch (err) {
        if (storageStatus(err) !== 409) throw err;
      }
      const open = await client.getEntity<{ crossing: string }>(tenantId, crossingKey(quota));
      return open.crossing;
    },
    async endCrossing(tenantId, quota) {
      try {
        await (await table()).deleteEntity(tenantId, crossingKey(quota));
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
    },
  };
}
