import type { FireGate, FireGates, GateState } from '../../ports/scheduler-store';
import { createPartitionBatcher } from './partition-batcher';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

interface GateRow {
  state: GateState;
  plannedAt?: string;
}

/**
 * Fire gates: PartitionKey = tenant, RowKey `{schedule}|{fireTime}`. Opening is an insert (409: the gate exists,
 * read it); gates of one tenant opened together go out as one transaction — if one of them exists the whole
 * transaction fails, and each is then opened on its own.
 */
export function createTableFireGates(tables: TableService): FireGates {
  const table = () => tables.table('firegates');
  const batch = createPartitionBatcher(table);
  const key = (scheduleId: string, fireTime: string) => `${scheduleId}|${fireTime}`;

  async function openAlone(row: GateRow & { partitionKey: string; rowKey: string }): Promise<FireGate> {
    const client = await table();
    try {
      await client.createEntity<GateRow>(row);
      return { created: true, state: 'pending', plannedAt: row.plannedAt ?? null };
    } catch (err) {
      if (storageStatus(err) !== 409) throw err;
      const existing = await client.getEntity<GateRow>(row.partitionKey, row.rowKey);
      return { created: false, state: existing.state, plannedAt: existing.plannedAt ?? null };
    }
  }

  return {
    open(tenantId, scheduleId, fireTime, plannedAt) {
      const row = {
        partitionKey: tenantId,
        rowKey: key(scheduleId, fireTime),
        state: 'pending' as const,
        ...(plannedAt ? { plannedAt } : {}),
      };
      return batch({
        partitionKey: tenantId,
        actions: [['create', row]],
        fromBatch: () => ({ created: true, state: 'pending', plannedAt: plannedAt ?? null }),
        alone: () => openAlone(row),
      });
    },
    markPublished(tenantId, scheduleId, fireTime) {
      const row = { partitionKey: tenantId, rowKey: key(scheduleId, fireTime), state: 'published' };
      return batch({
        partitionKey: tenantId,
        actions: [['update', row, 'Merge']],
        fromBatch: () => undefined,
        alone: async () => void (await (await table()).updateEntity(row, 'Merge')),
      });
    },
  };
}
