import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { ExecutionRun } from '../../contracts/run';
import { newestFirstKey } from '../../domain/ids';
import type { RunRecordRetention } from '../../ports/run-record-retention';
import { createDocumentTable, documentRows } from './document-table';
import { readTablePage } from './read-table-page';
import { runsTableSpec } from './runs-table-spec';
import { storageStatus } from './storage-errors';
import { executionCounterRowKey } from './table-execution-quota';
import type { TableService } from './table-service';

/** An entity group transaction holds at most 100 operations. */
const MAX_ACTIONS = 100;
/** Rows read per query (the most one response holds); a run is 4 rows, so 25 runs per transaction. */
const PAGE = 1000;

/** Rows that go together: a run's main row (first) and index rows, or one counter row. */
interface Group {
  rowKeys: string[];
  /** Counted in the result (a run, not a counter). */
  run: boolean;
}

/** Whole groups, in order, packed into transactions of at most 100 deletes. */
function packGroups(groups: readonly Group[]): Group[][] {
  const chunks: Group[][] = [];
  let chunk: Group[] = [];
  let actions = 0;
  for (const group of groups) {
    if (chunk.length > 0 && actions + group.rowKeys.length > MAX_ACTIONS) {
      chunks.push(chunk);
      chunk = [];
      actions = 0;
    }
    chunk.push(group);
    actions += group.rowKeys.length;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

async function rowExists(client: TableClient, tenantId: string, rowKey: string): Promise<boolean> {
  try {
    await client.getEntity(tenantId, rowKey, { queryOptions: { select: ['RowKey'] } });
    return true;
  } catch (err) {
    if (storageStatus(err) === 404) return false;
    throw err;
  }
}

/**
 * Deletes the chunk's rows in one transaction. A row already gone (an earlier pass that was interrupted, a
 * run removed in between) fails the whole transaction with 404: the chunk is halved until that group is
 * alone. A lone group whose first row is gone was removed already (its rows only ever go together); one
 * whose first row is still there changed since it was read (its index keys moved) and is left for the next
 * pass, which reads it afresh. Returns the runs gone.
 */
async function removeChunk(client: TableClient, tenantId: string, chunk: Group[]): Promise<number> {
  const actions = chunk.flatMap((g) =>
    g.rowKeys.map((rowKey): TransactionAction => ['delete', { partitionKey: tenantId, rowKey }]),
  );
  try {
    await client.submitTransaction(actions);
    return chunk.filter((g) => g.run).length;
  } catch (err) {
    if (storageStatus(err) !== 404) throw err;
  }
  if (chunk.length > 1) {
    const half = Math.ceil(chunk.length / 2);
    return (
      (await removeChunk(client, tenantId, chunk.slice(0, half))) +
      (await removeChunk(client, tenantId, chunk.slice(half)))
    );
  }
  const [group] = chunk;
  if (!group || (await rowExists(client, tenantId, group.rowKeys[0]!))) return 0;
  return group.run ? 1 : 0;
}

/** The run retention's reads and deletes in the runs table (key layout: runs-table-spec.ts, document-table.ts). */
export function createTableRunRecordRetention(
  tables: TableService,
  options: { pageSize?: number } = {},
): RunRecordRetention {
  const pageSize = options.pageSize ?? PAGE;
  const table = () => tables.table(runsTableSpec.tableName);
  const runs = createDocumentTable(tables, runsTableSpec);
  const counterPrefix = executionCounterRowKey('');

  return {
    async tenantsWithReports(cursor) {
      const client = await tables.table('reports');
      // The main rows only (one a report, `id|…`), their partition key only.
      const pages = client
        .listEntities({
          queryOptions: {
            filter: odata`RowKey ge ${'id|'} and RowKey lt ${'id}'}`,
            select: ['PartitionKey'],
          },
        })
        .byPage({ maxPageSize: pageSize, ...(cursor ? { continuationToken: cursor } : {}) });
      const page = await pages.next();
      if (page.done) return { items: [], nextCursor: null };
      const entities = page.value as { partitionKey?: string }[] & { continuationToken?: string };
      const ids = new Set(entities.flatMap((e) => (e.partitionKey ? [e.partitionKey] : [])));
      return { items: [...ids], nextCursor: entities.continuationToken ?? null };
    },

    createdBefore(tenantId, before, cursor) {
      // Newest-first keys grow as times go back: "created before" is every key from that of 1 ms earlier on.
      const from = newestFirstKey(new Date(before.getTime() - 1));
      return runs.list(tenantId, { index: 'newest', from, limit: pageSize, cursor });
    },

    async counterDaysBefore(tenantId, day) {
      const client = await table();
      const filter = odata`PartitionKey eq ${tenantId} and RowKey ge ${counterPrefix} and RowKey lt ${executionCounterRowKey(day)}`;
      const days: string[] = [];
      let token: string | null = null;
      do {
        const page = await readTablePage(client, filter, { limit: pageSize, token });
        for (const e of page.entities) days.push(String(e.rowKey).slice(counterPrefix.length));
        token = page.continuationToken;
      } while (token);
      return days;
    },

    async remove(tenantId, expired: readonly ExecutionRun[], counterDays) {
      const groups: Group[] = [
        ...expired.map((run) => ({
          rowKeys: documentRows(runsTableSpec, tenantId, run).map((r) => r.rowKey),
          run: true,
        })),
        ...counterDays.map((day) => ({ rowKeys: [executionCounterRowKey(day)], run: false })),
      ];
      if (groups.length === 0) return 0;
      const client = await table();
      let gone = 0;
      for (const chunk of packGroups(groups)) gone += await removeChunk(client, tenantId, chunk);
      return gone;
    },
  };
}
