import { odata } from '@azure/data-tables';
import type { DueIndex, FireGates, GateState } from '../../ports/scheduler-store';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

/** Minute bucket of a UTC time: `due-yyyyMMddHHmm`; partitions sort in time order. */
export function dueBucket(at: Date): string {
  return `due-${at.toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
}

const dueRowKey = (tenantId: string, scheduleId: string) => `${tenantId}|${scheduleId}`;

export function createTableDueIndex(tables: TableService): DueIndex {
  const table = () => tables.table('dueindex');
  return {
    async add(entry) {
      await (
        await table()
      ).upsertEntity(
        {
          partitionKey: dueBucket(new Date(entry.fireTime)),
          rowKey: dueRowKey(entry.tenantId, entry.scheduleId),
          ...entry,
        },
        'Replace',
      );
    },
    async remove(entry) {
      try {
        await (
          await table()
        ).deleteEntity(dueBucket(new Date(entry.fireTime)), dueRowKey(entry.tenantId, entry.scheduleId));
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
    },
    async dueUntil(until) {
      const filter = odata`PartitionKey ge ${'due-'} and PartitionKey le ${dueBucket(until)}`;
      const entries = [];
      for await (const row of (await table()).listEntities<{
        tenantId: string;
        scheduleId: string;
        fireTime: string;
      }>({
        queryOptions: { filter },
      })) {
        if (new Date(row.fireTime) <= until)
          entries.push({ tenantId: row.tenantId, scheduleId: row.scheduleId, fireTime: row.fireTime });
      }
      return entries;
    },
  };
}

export function createTableFireGates(tables: TableService): FireGates {
  const table = () => tables.table('firegates');
  const key = (scheduleId: string, fireTime: string) => `${scheduleId}|${fireTime}`;
  return {
    async open(tenantId, scheduleId, fireTime) {
      const client = await table();
      try {
        await client.createEntity({
          partitionKey: tenantId,
          rowKey: key(scheduleId, fireTime),
          state: 'pending',
        });
        return { created: true };
      } catch (err) {
        if (storageStatus(err) !== 409) throw err;
        const existing = await client.getEntity<{ state: GateState }>(tenantId, key(scheduleId, fireTime));
        return { created: false, state: existing.state };
      }
    },
    async markPublished(tenantId, scheduleId, fireTime) {
      await (
        await table()
      ).updateEntity(
        { partitionKey: tenantId, rowKey: key(scheduleId, fireTime), state: 'published' },
        'Merge',
      );
    },
  };
}
