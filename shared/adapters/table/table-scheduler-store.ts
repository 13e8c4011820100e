import { odata, type TableClient } from '@azure/data-tables';
import type { DueEntry, DueIndex } from '../../ports/scheduler-store';
import { createPartitionBatcher } from './partition-batcher';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

/** Minute bucket of a UTC time: `due-yyyyMMddHHmm`; buckets sort in time order. */
export function dueBucket(at: Date): string {
  return `due-${at.toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
}

/** FNV-1a: a cheap, stable spread of schedules over shards. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export const DEFAULT_DUE_SHARDS = 16;

/**
 * The partition of a due row: `due-{yyyyMMddHHmm}-{shard}`, shard = hash(tenant|schedule) % shards. A minute's
 * rows are spread over `shards` partitions (bounded size, parallel writes); its partitions sort together, so a
 * sweep is one range query over every bucket up to the look-ahead.
 */
export function duePartition(entry: DueEntry, shards = DEFAULT_DUE_SHARDS): string {
  const shard = fnv1a(`${entry.tenantId}|${entry.scheduleId}`) % shards;
  return `${dueBucket(new Date(entry.fireTime))}-${String(shard).padStart(2, '0')}`;
}

const dueRowKey = (e: DueEntry) => `${e.tenantId}|${e.scheduleId}|${e.fireTime}`;

/** The due-index row of an entry, as stored (exported for bulk loads: the benchmark's seeding). */
export function dueRowEntity(entry: DueEntry, shards = DEFAULT_DUE_SHARDS) {
  const { tenantId, scheduleId, fireTime } = entry;
  return {
    partitionKey: duePartition(entry, shards),
    rowKey: dueRowKey(entry),
    tenantId,
    scheduleId,
    fireTime,
  };
}

interface DueRow extends DueEntry {
  partitionKey: string;
  rowKey: string;
}

export function createTableDueIndex(tables: TableService, options: { shards?: number } = {}): DueIndex {
  const shards = options.shards ?? DEFAULT_DUE_SHARDS;
  if (!Number.isInteger(shards) || shards < 1 || shards > 100) throw new RangeError('shards must be 1-100');
  const table = () => tables.table('dueindex');
  const key = (entry: DueEntry) => {
    const { partitionKey, rowKey } = dueRowEntity(entry, shards);
    return { partitionKey, rowKey };
  };
  const remove = async (client: TableClient, partitionKey: string, rowKey: string) => {
    try {
      await client.deleteEntity(partitionKey, rowKey);
    } catch (err) {
      if (storageStatus(err) !== 404) throw err;
    }
  };
  const batch = createPartitionBatcher(table);
  const index: DueIndex = {
    add(entry) {
      const row = dueRowEntity(entry, shards);
      return batch({
        partitionKey: row.partitionKey,
        actions: [['upsert', row, 'Replace']],
        fromBatch: () => undefined,
        alone: async () => void (await (await table()).upsertEntity(row, 'Replace')),
      });
    },
    remove(entry) {
      const { partitionKey, rowKey } = key(entry);
      return batch({
        partitionKey,
        actions: [['delete', { partitionKey, rowKey }]],
        fromBatch: () => undefined,
        alone: async () => remove(await table(), partitionKey, rowKey),
      });
    },
    async has(entry) {
      const { partitionKey, rowKey } = key(entry);
      try {
        await (await table()).getEntity(partitionKey, rowKey);
        return true;
      } catch (err) {
        if (storageStatus(err) === 404) return false;
        throw err;
      }
    },
    async dueUntil(until) {
      const client = await table();
      const filter = odata`PartitionKey ge ${'due-'} and PartitionKey le ${`${dueBucket(until)}-~`}`;
      const entries: DueEntry[] = [];
      const rows = client.listEntities<DueRow>({ queryOptions: { filter } });
      for await (const row of rows) {
        const entry = { tenantId: row.tenantId, scheduleId: row.scheduleId, fireTime: row.fireTime };
        if (new Date(entry.fireTime) <= until) entries.push(entry);
      }
      return entries.sort((a, b) => Date.parse(a.fireTime) - Date.parse(b.fireTime));
    },
  };
  return index;
}

export { createTableFireGates } from './table-fire-gates';
