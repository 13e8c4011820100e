import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { approximateSize, getString, putString } from './entity-strings';
import type { HistoryEvent, HistoryRecord } from './history-event';
import { eventMeta, eventObjectFields, historyRowCore } from './stored-shapes';

/** The committed history of an instance's current execution. */
export interface LoadedHistory {
  executionId?: string;
  records: HistoryRecord[];
  /** ETag of the sentinel row (absent when the instance has no history yet). */
  etag?: string;
}

/** Another writer committed to the same instance first. */
export class HistoryConflictError extends Error {
  constructor(instanceId: string) {
    super(`The history of instance '${instanceId}' was changed by another writer.`);
    this.name = 'HistoryConflictError';
  }
}

const sentinelKey = 'sentinel';
const maxBatchEntities = 100;
const maxBatchBytes = 3_000_000;

const rowKey = (executionId: string, index: number) => `${executionId}_${String(index).padStart(8, '0')}`;

const stringFields = [
  'Name',
  'Input',
  'Version',
  'Result',
  'Reason',
  'Details',
  'FireAt',
  'InstanceId',
] as const;
const numberFields = ['TaskScheduledId', 'TimerId', 'OrchestrationStatus'] as const;
const objectFields = ['FailureDetails', 'ParentInstance', 'OrchestrationInstance'] as const;

function toEntity(
  instanceId: string,
  executionId: string,
  index: number,
  { event, meta }: HistoryRecord,
): TableEntity {
  const entity: Record<string, unknown> = {
    partitionKey: instanceId,
    rowKey: rowKey(executionId, index),
    ExecutionId: executionId,
    EventType: event.EventType,
    EventId: event.EventId,
    EventTimestamp: event.Timestamp,
  };
  for (const key of stringFields) putString(entity, key, event[key]);
  for (const key of numberFields) if (event[key] !== undefined) entity[key] = event[key];
  for (const key of objectFields)
    if (event[key] !== undefined) putString(entity, key, JSON.stringify(event[key]));
  if (Object.keys(meta).length > 0) putString(entity, 'Meta', JSON.stringify(meta));
  return entity as TableEntity;
}

function fromEntity(entity: Record<string, unknown>): HistoryRecord {
  const core = historyRowCore.parse(entity);
  const event: HistoryEvent = {
    EventType: core.EventType,
    EventId: core.EventId,
    IsPlayed: false,
    Timestamp: core.EventTimestamp,
  };
  for (const key of stringFields) {
    const value = getString(entity, key);
    if (value !== undefined) event[key] = value;
  }
  for (const key of numberFields) if (typeof entity[key] === 'number') event[key] = entity[key];
  const failure = getString(entity, 'FailureDetails');
  const instance = getString(entity, 'OrchestrationInstance');
  const parent = getString(entity, 'ParentInstance');
  if (failure) event.FailureDetails = eventObjectFields.FailureDetails.parse(JSON.parse(failure));
  if (instance)
    event.OrchestrationInstance = eventObjectFields.OrchestrationInstance.parse(JSON.parse(instance));
  if (parent) event.ParentInstance = eventObjectFields.ParentInstance.parse(JSON.parse(parent));
  const meta = getString(entity, 'Meta');
  return { event, meta: meta ? eventMeta.parse(JSON.parse(meta)) : {} };
}

function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}

/**
 * History table: PartitionKey = instanceId, one row per event (RowKey `{executionId}_{index}`), and a
 * sentinel row naming the current execution and how many of its events are committed. A commit
 * writes events in transactions of at most 100 entities and moves the sentinel (ETag-guarded) in
 * the last one, so rows beyond the sentinel's count are leftovers of an interrupted commit.
 */
export function createHistoryStore(table: TableClient) {
  async function rows(instanceId: string): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    const entities = table.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${instanceId}` },
    });
    for await (const entity of entities) all.push(entity);
    return all;
  }

  async function load(instanceId: string): Promise<LoadedHistory> {
    const all = await rows(instanceId);
    const sentinel = all.find((e) => e.rowKey === sentinelKey);
    if (!sentinel) return { records: [] };
    const executionId = sentinel.ExecutionId as string;
    const count = sentinel.HistoryCount as number;
    const prefix = `${executionId}_`;
    const committed = all
      .filter((e) => typeof e.rowKey === 'string' && e.rowKey.startsWith(prefix))
      .sort((a, b) => String(a.rowKey).localeCompare(String(b.rowKey)))
      .slice(0, count);
    if (committed.length !== count)
      throw new Error(`History of '${instanceId}' is missing events (${committed.length} of ${count}).`);
    return { executionId, records: committed.map(fromEntity), etag: sentinel.etag as string };
  }

  /**
   * Appends `records` to the execution `executionId`. A different execution than the loaded one
   * starts a fresh history (continue-as-new, restart). Throws HistoryConflictError when another
   * writer moved the sentinel since `loaded` was read.
   */
  async function append(
    instanceId: string,
    loaded: LoadedHistory,
    executionId: string,
    records: HistoryRecord[],
  ): Promise<void> {
    const start = loaded.executionId === executionId ? loaded.records.length : 0;
    const entities = records.map((r, i) => toEntity(instanceId, executionId, start + i, r));
    const sentinel: TableEntity = {
      partitionKey: instanceId,
      rowKey: sentinelKey,
      ExecutionId: executionId,
      HistoryCount: start + records.length,
    };
    const sentinelAction: TransactionAction = loaded.etag
      ? ['update', sentinel, 'Replace', { etag: loaded.etag }]
      : ['create', sentinel];
    const batches: TransactionAction[][] = [[]];
    let bytes = 0;
    for (const entity of entities) {
      const size = approximateSize(entity);
      const current = batches[batches.length - 1]!;
      if (current.length >= maxBatchEntities - 1 || (current.length > 0 && bytes + size > maxBatchBytes)) {
        batches.push([]);
        bytes = 0;
      }
      batches[batches.length - 1]!.push(['upsert', entity, 'Replace']);
      bytes += size;
    }
    batches[batches.length - 1]!.push(sentinelAction);
    for (const batch of batches) {
      try {
        await table.submitTransaction(batch);
      } catch (err) {
        const code = statusCode(err);
        if (batch.includes(sentinelAction) && (code === 412 || code === 409))
          throw new HistoryConflictError(instanceId);
        throw err;
      }
    }
  }

  async function deleteRows(instanceId: string, keep: (rowKey: string) => boolean): Promise<number> {
    const doomed = (await rows(instanceId)).filter((e) => !keep(String(e.rowKey)));
    for (let i = 0; i < doomed.length; i += maxBatchEntities) {
      const batch = doomed
        .slice(i, i + maxBatchEntities)
        .map((e): TransactionAction => ['delete', { partitionKey: instanceId, rowKey: String(e.rowKey) }]);
      await table.submitTransaction(batch);
    }
    return doomed.length;
  }

  return {
    load,
    append,
    /** Deletes every history row of the instance (purge). */
    deleteInstance: (instanceId: string) => deleteRows(instanceId, () => false),
    /** Deletes rows of executions other than `executionId` (after continue-as-new or a restart). */
    deleteOtherExecutions: (instanceId: string, executionId: string) =>
      deleteRows(instanceId, (key) => key === sentinelKey || key.startsWith(`${executionId}_`)),
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
