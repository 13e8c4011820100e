import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { FireGate, FireGateKey, FireGates, GateState } from '../../ports/scheduler-store';
import { createPartitionBatcher } from './partition-batcher';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

interface GateRow {
  state: GateState;
  plannedAt?: string;
  tenantId?: string;
  scheduleId?: string;
  fireTime?: string;
}

/** `gate-{yyyyMMdd}-{tenant}`: the UTC day of the fire time first, so expired days are one range of partitions. */
export function gatePartition(tenantId: string, fireTime: string): string {
  return `gate-${fireTime.slice(0, 10).replace(/-/g, '')}-${tenantId}`;
}

/**
 * Fire gates: PartitionKey `gate-{fire day}-{tenant}`, RowKey `{schedule}|{fireTime}` — both from the fire, so every
 * sweep that handles a fire looks at the same row. Opening is an insert (409: the gate exists, read it); gates of
 * one tenant and day opened together go out as one transaction — if one of them exists the whole transaction
 * fails, and each is then opened on its own. The day-first partition lets expiry read the expired gates and
 * nothing else: one range query over the partitions before the cutoff day.
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
        partitionKey: gatePartition(tenantId, fireTime),
        rowKey: key(scheduleId, fireTime),
        state: 'pending' as const,
        tenantId,
        scheduleId,
        fireTime,
        ...(plannedAt ? { plannedAt } : {}),
      };
      return batch({
        partitionKey: row.partitionKey,
        actions: [['create', row]],
        fromBatch: () => ({ created: true, state: 'pending', plannedAt: plannedAt ?? null }),
        alone: () => openAlone(row),
      });
    },
    markPublished(tenantId, scheduleId, fireTime) {
      const partitionKey = gatePartition(tenantId, fireTime);
      const row = { partitionKey, rowKey: key(scheduleId, fireTime), state: 'published' };
      return batch({
        partitionKey,
        actions: [['update', row, 'Merge']],
        fromBatch: () => undefined,
        alone: async () => void (await (await table()).updateEntity(row, 'Merge')),
      });
    },
    async *firedBefore(day) {
      const client = await table();
      const filter = odata`PartitionKey ge ${'gate-'} and PartitionKey lt ${gatePartition('', day)}`;
      const pages = client.listEntities<GateRow>({ queryOptions: { filter } }).byPage({ maxPageSize: 1000 });
      for await (const page of pages) {
        const gates: FireGateKey[] = [];
        for (const row of page)
          if (row.tenantId && row.scheduleId && row.fireTime)
            gates.push({ tenantId: row.tenantId, scheduleId: row.scheduleId, fireTime: row.fireTime });
        yield gates;
      }
    },
    async remove(gates) {
      const client = await table();
      const byPartition = new Map<string, TransactionAction[]>();
      for (const g of gates) {
        const partitionKey = gatePartition(g.tenantId, g.fireTime);
        const actions = byPartition.get(partitionKey) ?? [];
        if (!actions.some((a) => (a[1] as { rowKey: string }).rowKey === key(g.scheduleId, g.fireTime)))
          actions.push(['delete', { partitionKey, rowKey: key(g.scheduleId, g.fireTime) }]);
        byPartition.set(partitionKey, actions);
      }
      const groups = [...byPartition.values()].flatMap((actions) =>
        Array.from({ length: Math.ceil(actions.length / 100) }, (_, i) =>
          actions.slice(i * 100, i * 100 + 100),
        ),
      );
      for (const group of groups) await removeGroup(client, group);
    },
  };
}

/** One transaction per ≤ 100 gates of a partition; if one is gone already (404) the rest go one by one. */
async function removeGroup(client: TableClient, group: TransactionAction[]): Promise<void> {
  try {
    await client.submitTransaction(group);
  } catch (err) {
    if (storageStatus(err) !== 404) throw err;
    for (const [, entity] of group) {
      const { partitionKey, rowKey } = entity as { partitionKey: string; rowKey: string };
      try {
        await client.deleteEntity(partitionKey, rowKey);
      } catch (e) {
        if (storageStatus(e) !== 404) throw e;
      }
    }
  }
}
