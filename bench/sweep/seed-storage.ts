import type { TableClient, TransactionAction } from '@azure/data-tables';
import { encodeDoc } from '../../shared/adapters/table/doc-codec';
import { dueRowEntity } from '../../shared/adapters/table/table-scheduler-store';
import type { TableService } from '../../shared/adapters/table/table-service';
import { forEachConcurrently } from '../../shared/app/sweep/for-each-concurrently';
import type { Schedule } from '../../shared/contracts/schedule';

const BATCH = 100;

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

async function submitInBatches(client: TableClient, actions: TransactionAction[]): Promise<number> {
  let batches = 0;
  for (let i = 0; i < actions.length; i += BATCH) {
    await client.submitTransaction(actions.slice(i, i + BATCH));
    batches++;
  }
  return batches;
}

/**
 * Writes the schedules and their due rows with batch transactions (≤ 100 entities, one partition each). The
 * schedule rows follow document-table.ts's layout (a main row `id|{id}` and the `byReport` index row, each a
 * full copy); the benchmark reads one back through the repository to prove it.
 */
export async function seedStorage(tables: TableService, schedules: readonly Schedule[]): Promise<number> {
  const scheduleTable = await tables.table('schedules');
  const dueTable = await tables.table('dueindex');
  let batches = 0;
  await forEachConcurrently(
    groupBy(schedules, (s) => s.tenantId),
    16,
    async (group) => {
      const actions = group.flatMap((s): TransactionAction[] => {
        const body = encodeDoc(s);
        return [
          ['create', { partitionKey: s.tenantId, rowKey: `id|${s.id}`, ...body }],
          ['create', { partitionKey: s.tenantId, rowKey: `byReport|${s.reportId}|${s.id}`, ...body }],
        ];
      });
      const written = await submitInBatches(scheduleTable, actions);
      batches += written;
    },
  );
  const rows = schedules.map((s) =>
    dueRowEntity({ tenantId: s.tenantId, scheduleId: s.id, fireTime: s.nextRunAt! }),
  );
  await forEachConcurrently(
    groupBy(rows, (r) => r.partitionKey),
    16,
    async (group) => {
      const written = await submitInBatches(
        dueTable,
        group.map((row): TransactionAction => ['upsert', row, 'Replace']),
      );
      batches += written;
    },
  );
  return batches;
}
