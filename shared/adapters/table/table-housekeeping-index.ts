import { odata } from '@azure/data-tables';
import type { ExpiryEntry, HousekeepingIndex } from '../../ports/housekeeping-index';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

/** `hk-{yyyyMMddHH}`: the UTC hour the record expires in. */
const hourBucket = (iso: string) => `hk-${iso.slice(0, 13).replace(/[-T]/g, '')}`;
/** RowKeys may not hold `/ \ # ?`: the record key (a signature is base64) is percent-encoded. */
const rowKeyOf = (e: ExpiryEntry) => `${e.store}|${e.tenantId}|${encodeURIComponent(e.key)}`;

/**
 * `housekeeping`: PartitionKey the expiry hour, RowKey `{store}|{tenant}|{key}`. A pass reads the
 * partitions from `hk-` to the current hour in one range query: past hours are empty once processed.
 */
export function createTableHousekeepingIndex(tables: TableService): HousekeepingIndex {
  const table = () => tables.table('housekeeping');
  return {
    async add(entry) {
      await (
        await table()
      ).upsertEntity(
        { partitionKey: hourBucket(entry.expiresAt), rowKey: rowKeyOf(entry), ...entry },
        'Replace',
      );
    },
    async dueBy(until) {
      const filter = odata`PartitionKey ge ${'hk-'} and PartitionKey le ${hourBucket(until.toISOString())}`;
      const entries: ExpiryEntry[] = [];
      for await (const row of (await table()).listEntities<ExpiryEntry>({ queryOptions: { filter } }))
        if (row.expiresAt <= until.toISOString())
          entries.push({ store: row.store, tenantId: row.tenantId, key: row.key, expiresAt: row.expiresAt });
      return entries;
    },
    async remove(entry) {
      try {
        await (await table()).deleteEntity(hourBucket(entry.expiresAt), rowKeyOf(entry));
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
    },
  };
}
