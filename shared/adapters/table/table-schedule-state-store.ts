import { Schedule } from '../../contracts/schedule';
import { AppError, notFound, preconditionFailed } from '../../domain/errors';
import type { Versioned } from '../../ports/repositories';
import type { ScheduleStateStore } from '../../ports/scheduler-store';
import { decodeDoc, encodeDoc } from './doc-codec';
import { createPartitionBatcher } from './partition-batcher';
import { createPartitionReader } from './partition-reader';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

/**
 * The sweep's access to schedules, for many at once: reads of one tenant's due schedules coalesce into one query,
 * and their new `nextRunAt` go out as one transaction (each row under its own ETag; if one changed meanwhile, each is
 * written on its own and only that one gets its 412). The rows are those of the `schedules` repository
 * (document-table.ts): the main row `id|{id}` and the `byReport|{reportId}|{id}` index row, each a full copy — the
 * contract test in table-schedule-state-store.test.ts reads each side through the other.
 */
export function createTableScheduleStateStore(tables: TableService): ScheduleStateStore {
  const table = () => tables.table('schedules');
  const read = createPartitionReader(table);
  const batch = createPartitionBatcher(table);
  const mainKey = (id: string) => `id|${id}`;

  async function replaceAlone(actions: Parameters<typeof batch>[0]['actions'], doc: Schedule) {
    try {
      const result = await (await table()).submitTransaction(actions);
      return { doc, etag: result.subResponses[0]?.etag ?? '' };
    } catch (err) {
      const status = storageStatus(err);
      if (status === 412) throw preconditionFailed('Schedule', doc.id);
      if (status === 404) throw notFound('Schedule', doc.id);
      throw err;
    }
  }

  return {
    async get(tenantId, id) {
      const entity = await read(tenantId, mainKey(id));
      if (!entity) return undefined;
      return { doc: Schedule.parse(decodeDoc(entity)), etag: String(entity.etag) };
    },
    async replace(tenantId, doc, etag): Promise<Versioned<Schedule>> {
      if (doc.tenantId !== tenantId) throw new AppError('NOT_FOUND', `Schedule ${doc.id} was not found`);
      const body = encodeDoc(doc);
      const actions: Parameters<typeof batch>[0]['actions'] = [
        ['update', { partitionKey: tenantId, rowKey: mainKey(doc.id), ...body }, 'Replace', { etag }],
        [
          'upsert',
          { partitionKey: tenantId, rowKey: `byReport|${doc.reportId}|${doc.id}`, ...body },
          'Replace',
        ],
      ];
      return batch({
        partitionKey: tenantId,
        actions,
        fromBatch: (responses) => ({ doc, etag: responses[0]?.etag ?? '' }),
        alone: () => replaceAlone(actions, doc),
      });
    },
  };
}
