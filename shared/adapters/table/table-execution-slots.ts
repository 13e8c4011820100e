import { odata, type TableClient } from '@azure/data-tables';
import { AppError } from '../../domain/errors';
import type { ExecutionSlots } from '../../ports/execution-slots';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

interface SlotRow {
  partitionKey: string;
  rowKey: string;
  runId: string;
  expiresAt: string;
  etag: string;
}

export interface TableExecutionSlotsOptions {
  /** How long a slot stays taken without a release (a run whose worker died frees it after this). */
  leaseMs: number;
  tableName?: string;
  /** Rounds lost to another consumer taking the same free slot before giving up with 503. */
  maxAttempts?: number;
}

const slotKey = (index: number) => `slot|${String(index).padStart(4, '0')}`;

/**
 * Slot leases as rows `slot|0000`…`slot|{limit-1}` in the tenant's partition (PartitionKey = tenant). Taking
 * a slot inserts its row (or replaces a lapsed one under its ETag), so two consumers never both take the
 * same slot: the loser re-reads and tries the next free one. A tenant's partition holds at most `limit`
 * rows, so every read is one small query of that tenant only.
 */
export function createTableExecutionSlots(
  tables: TableService,
  options: TableExecutionSlotsOptions,
): ExecutionSlots {
  const table = () => tables.table(options.tableName ?? 'executionslots');
  const maxAttempts = options.maxAttempts ?? 20;

  async function rowsOf(client: TableClient, tenantId: string): Promise<SlotRow[]> {
    const rows: SlotRow[] = [];
    const query = client.listEntities<Omit<SlotRow, 'etag'>>({
      queryOptions: { filter: odata`PartitionKey eq ${tenantId}` },
    });
    for await (const row of query) rows.push(row);
    return rows;
  }

  const live = (row: SlotRow, now: Date) => Date.parse(row.expiresAt) > now.getTime();

  return {
    async acquire(tenantId, runId, limit, now) {
      const client = await table();
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const rows = await rowsOf(client, tenantId);
        if (rows.some((r) => r.runId === runId && live(r, now))) return true;
        if (rows.filter((r) => live(r, now)).length >= limit) return false;
        const byKey = new Map(rows.map((r) => [r.rowKey, r]));
        const index = Array.from({ length: limit }, (_, i) => i).find((i) => {
          const row = byKey.get(slotKey(i));
          return !row || !live(row, now);
        });
        if (index === undefined) return false;
        const entity = {
          partitionKey: tenantId,
          rowKey: slotKey(index),
          runId,
          expiresAt: new Date(now.getTime() + options.leaseMs).toISOString(),
        };
        const lapsed = byKey.get(entity.rowKey);
        try {
          if (lapsed) await client.updateEntity(entity, 'Replace', { etag: lapsed.etag });
          else await client.createEntity(entity);
          return true;
        } catch (err) {
          if (storageStatus(err) !== (lapsed ? 412 : 409)) throw err;
        }
      }
      throw new AppError('SERVICE_UNAVAILABLE', 'The execution slots are busy; retry shortly', { tenantId });
    },

    async release(tenantId, runId) {
      const client = await table();
      for (const row of await rowsOf(client, tenantId)) {
        if (row.runId !== runId) continue;
        try {
          await client.deleteEntity(tenantId, row.rowKey, { etag: row.etag });
        } catch (err) {
          // Gone or retaken after it lapsed: either way this run no longer holds it.
          if (![404, 412].includes(storageStatus(err) ?? 0)) throw err;
        }
      }
    },

    async held(tenantId, now) {
      return (await rowsOf(await table(), tenantId)).filter((r) => live(r, now)).length;
    },
  };
}
