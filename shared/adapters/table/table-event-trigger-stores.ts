import type { SignatureLedger, TriggerDirectory } from '../../ports/event-trigger-stores';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

/** PartitionKey = trigger id (ids are unique), RowKey empty; the row names the tenant. */
export function createTableTriggerDirectory(tables: TableService): TriggerDirectory {
  const table = () => tables.table('eventtriggerdirectory');
  return {
    async register(triggerId, tenantId) {
      await (await table()).upsertEntity({ partitionKey: triggerId, rowKey: '', tenantId }, 'Replace');
    },
    async tenantOf(triggerId) {
      try {
        return (await (await table()).getEntity<{ tenantId: string }>(triggerId, '')).tenantId;
      } catch (err) {
        if (storageStatus(err) === 404) return undefined;
        throw err;
      }
    },
    async unregister(triggerId) {
      try {
        await (await table()).deleteEntity(triggerId, '');
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
    },
  };
}

/**
 * Accepted signatures, PartitionKey = tenant, RowKey = `{triggerId}|{signature}`: insert-first, so of two
 * identical requests racing exactly one is accepted. Rows past `expiresAt` only guard expired timestamps
 * (refused anyway) and can be purged.
 */
export function createTableSignatureLedger(tables: TableService): SignatureLedger {
  const table = () => tables.table('eventtriggersignatures');
  return {
    async record(tenantId, triggerId, signature, expiresAt) {
      try {
        await (
          await table()
        ).createEntity({
          partitionKey: tenantId,
          rowKey: `${triggerId}|${signature}`,
          expiresAt: expiresAt.toISOString(),
        });
        return true;
      } catch (err) {
        if (storageStatus(err) === 409) return false;
        throw err;
      }
    },
    async remove(tenantId, triggerId, signature) {
      try {
        await (await table()).deleteEntity(tenantId, `${triggerId}|${signature}`);
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
    },
  };
}
