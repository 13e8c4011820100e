import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { AuditEvent } from '../../contracts/audit-event';
import type { AuditDayIndex } from '../../ports/audit-archive';
import type { AuditLog } from '../../ports/repositories';
import { decodeDoc, encodeDoc } from './doc-codec';
import { readTablePage } from './read-table-page';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

const EXPORT_PAGE = 1_000;
/** An entity group transaction holds at most 100 operations. */
const BATCH = 100;

/** `auditdays`: PartitionKey `day-{yyyyMMdd}`, RowKey the tenant. One row per tenant-day with events. */
const dayPartition = (day: string) => `day-${day.replace(/-/g, '')}`;
const dayOf = (partition: string) =>
  `${partition.slice(4, 8)}-${partition.slice(8, 10)}-${partition.slice(10, 12)}`;
const BACKFILL_MARK = { partitionKey: 'meta', rowKey: 'backfill' };

const rangeFilter = (tenantId: string, from: string, to: string) =>
  odata`PartitionKey eq ${tenantId} and RowKey ge ${from} and RowKey lt ${to + '\uffff'}`;

/**
 * Audit events keyed by time (ascending) so a date range is one range query; insert-only. `entityType` is
 * also kept as its own property so the store can filter on it. Each append also marks its tenant-day in
 * `auditdays` (once per process per tenant-day), which is how archiving finds expired days.
 */
export function createTableAuditLog(tables: TableService): AuditLog {
  const events = () => tables.table('auditevents');
  const days = () => tables.table('auditdays');
  const marked = new Set<string>();
  async function markDay(tenantId: string, day: string) {
    const key = `${day}|${tenantId}`;
    if (marked.has(key)) return;
    await (await days()).upsertEntity({ partitionKey: dayPartition(day), rowKey: tenantId }, 'Replace');
    if (marked.size > 10_000) marked.clear();
    marked.add(key);
  }
  return {
    async append(event) {
      // The day is marked first: a crash in between leaves a mark without events (harmless), never the reverse.
      await markDay(event.tenantId, event.timestamp.slice(0, 10));
      await (
        await events()
      ).createEntity({
        partitionKey: event.tenantId,
        rowKey: `${event.timestamp}|${event.id}`,
        entityType: event.entityType,
        ...encodeDoc(event),
      });
    },
    async list(tenantId, { from, to, entityType, cursor, limit }) {
      const client = await events();
      const range = rangeFilter(tenantId, from ?? '', to ?? '9999');
      const filter = entityType === undefined ? range : `${range} and ${odata`entityType eq ${entityType}`}`;
      // A filtered page can come back short (the service stops at its scan limit): read on, asking only
      // for what is missing, so the continuation token stays exact. Bounded, then the caller pages on.
      const items: AuditEvent[] = [];
      let token = cursor ?? undefined;
      for (let round = 0; round < 10 && items.length < limit; round++) {
        const page = await readTablePage(client, filter, { limit: limit - items.length, token });
        items.push(...page.entities.map((e) => AuditEvent.parse(decodeDoc(e))));
        token = page.continuationToken ?? undefined;
        if (!token) break;
      }
      return { items, nextCursor: token ?? null };
    },
    async *read(tenantId, { from, to }) {
      const client = await events();
      const filter = rangeFilter(tenantId, from, to);
      let token: string | null = null;
      do {
        const page = await readTablePage(client, filter, { limit: EXPORT_PAGE, token });
        for (const entity of page.entities) yield AuditEvent.parse(decodeDoc(entity));
        token = page.continuationToken;
      } while (token);
    },
    async removeDay(tenantId, day) {
      const client = await events();
      const keys = client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: rangeFilter(tenantId, day, day), select: ['RowKey'] },
      });
      const batch: TransactionAction[] = [];
      let removed = 0;
      for await (const row of keys) {
        batch.push(['delete', { partitionKey: tenantId, rowKey: String(row.rowKey) }]);
        if (batch.length === BATCH) removed += await deleteBatch(client, batch.splice(0));
      }
      if (batch.length > 0) removed += await deleteBatch(client, batch);
      return removed;
    },
  };
}

async function deleteBatch(client: TableClient, actions: TransactionAction[]): Promise<number> {
  await client.submitTransaction(actions);
  return actions.length;
}

/** The `auditdays` index read by the archiver; `backfill` covers events written before it existed. */
export function createTableAuditDayIndex(tables: TableService): AuditDayIndex {
  const days = () => tables.table('auditdays');
  return {
    async daysBefore(day) {
      const filter = odata`PartitionKey ge ${'day-'} and PartitionKey lt ${dayPartition(day)}`;
      const found = [];
      for await (const row of (await days()).listEntities({ queryOptions: { filter } }))
        found.push({ tenantId: String(row.rowKey), day: dayOf(String(row.partitionKey)) });
      return found;
    },
    async remove({ tenantId, day }) {
      try {
        await (await days()).deleteEntity(dayPartition(day), tenantId);
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
    },
    async backfill() {
      const index = await days();
      try {
        await index.getEntity(BACKFILL_MARK.partitionKey, BACKFILL_MARK.rowKey);
        return null;
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
      // One pass over the keys of the whole table (only keys are read), then never again.
      const seen = new Set<string>();
      const rows = (await tables.table('auditevents')).listEntities({
        queryOptions: { select: ['PartitionKey', 'RowKey'] },
      });
      for await (const row of rows) {
        const tenantId = String(row.partitionKey);
        const day = String(row.rowKey).slice(0, 10);
        const key = `${day}|${tenantId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        await index.upsertEntity({ partitionKey: dayPartition(day), rowKey: tenantId }, 'Replace');
      }
      await index.upsertEntity({ ...BACKFILL_MARK, indexed: seen.size }, 'Replace');
      return { indexed: seen.size };
    },
  };
}
