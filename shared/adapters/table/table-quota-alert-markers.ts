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
  async function read<T extends object>(tenantId: string, key: string): Promise<T | null> {
    try {
      return await (await table()).getEntity<T>(tenantId, key);
    } catch (err) {
      if (storageStatus(err) === 404) return null;
      throw err;
    }
  }
  return {
    async has(tenantId, key) {
      return (await read(tenantId, key)) !== null;
    },
    async markedAt(tenantId, key) {
      return (await read<{ markedAt: string }>(tenantId, key))?.markedAt ?? null;
    },
    async remove(tenantId, key) {
      try {
        await (await table()).deleteEntity(tenantId, key);
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
    },
    async currentCrossing(tenantId, quota) {
      return (await read<{ crossing: string }>(tenantId, crossingKey(quota)))?.crossing ?? null;
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
      const open = await read<{ crossing: string }>(tenantId, crossingKey(quota));
      // Ended between the two calls: this count still belongs to the crossing that was open.
      return open?.crossing ?? id;
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
