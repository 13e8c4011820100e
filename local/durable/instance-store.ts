import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { getString, putString } from './entity-strings';
import type { RuntimeStatus } from './history-event';
import type { InstanceState } from './project-instance';
import { instanceRowCore } from './stored-shapes';

export interface StoredInstance {
  state: InstanceState;
  etag: string;
}

export interface InstanceQuery {
  createdTimeFrom?: Date;
  createdTimeTo?: Date;
  runtimeStatus?: RuntimeStatus[];
  instanceIdPrefix?: string;
}

export interface InstancePage {
  instances: InstanceState[];
  continuationToken?: string;
}

function toEntity(s: InstanceState): TableEntity {
  const entity: Record<string, unknown> = {
    partitionKey: s.instanceId,
    rowKey: '',
    Name: s.name,
    ExecutionId: s.executionId,
    RuntimeStatus: s.runtimeStatus,
    CreatedTime: s.createdTime,
    LastUpdatedTime: s.lastUpdatedTime,
    HistoryCount: s.historyCount,
  };
  if (s.version) entity.Version = s.version;
  if (s.parentInstanceId) entity.ParentInstanceId = s.parentInstanceId;
  if (s.historyExecutionId) entity.HistoryExecutionId = s.historyExecutionId;
  putString(entity, 'Input', s.input);
  putString(entity, 'Output', s.output);
  putString(entity, 'CustomStatus', s.customStatus);
  return entity as TableEntity;
}

function fromEntity(e: Record<string, unknown>): InstanceState {
  const row = instanceRowCore.parse(e);
  const state: InstanceState = {
    instanceId: row.partitionKey,
    name: row.Name,
    executionId: row.ExecutionId,
    runtimeStatus: row.RuntimeStatus,
    createdTime: row.CreatedTime,
    lastUpdatedTime: row.LastUpdatedTime,
    historyCount: row.HistoryCount,
  };
  if (row.Version) state.version = row.Version;
  if (row.ParentInstanceId) state.parentInstanceId = row.ParentInstanceId;
  if (row.HistoryExecutionId) state.historyExecutionId = row.HistoryExecutionId;
  const input = getString(e, 'Input');
  const output = getString(e, 'Output');
  const customStatus = getString(e, 'CustomStatus');
  if (input !== undefined) state.input = input;
  if (output !== undefined) state.output = output;
  if (customStatus !== undefined) state.customStatus = customStatus;
  return state;
}

function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}

/** Instances table: one row per instance (PartitionKey = instanceId, RowKey = ''), written with ETags. */
export function createInstanceStore(table: TableClient) {
  async function get(instanceId: string): Promise<StoredInstance | undefined> {
    try {
      const entity = await table.getEntity<Record<string, unknown>>(instanceId, '');
      return { state: fromEntity(entity), etag: String(entity.etag) };
    } catch (err) {
      if (statusCode(err) === 404) return undefined;
      throw err;
    }
  }

  /** Inserts a new row, or replaces the one read with `etag`. Returns false when someone else wrote first. */
  async function put(state: InstanceState, etag: string | undefined): Promise<boolean> {
    try {
      if (etag) await table.updateEntity(toEntity(state), 'Replace', { etag });
      else await table.createEntity(toEntity(state));
      return true;
    } catch (err) {
      const code = statusCode(err);
      if (code === 412 || code === 409 || code === 404) return false;
      throw err;
    }
  }

  async function remove(instanceId: string): Promise<void> {
    try {
      await table.deleteEntity(instanceId, '');
    } catch (err) {
      if (statusCode(err) !== 404) throw err;
    }
  }

  function filterOf(query: InstanceQuery): string {
    const clauses: string[] = [];
    if (query.createdTimeFrom) clauses.push(odata`CreatedTime ge ${query.createdTimeFrom}`);
    if (query.createdTimeTo) clauses.push(odata`CreatedTime le ${query.createdTimeTo}`);
    if (query.runtimeStatus?.length) {
      clauses.push(`(${query.runtimeStatus.map((s) => odata`RuntimeStatus eq ${s}`).join(' or ')})`);
    }
    if (query.instanceIdPrefix) {
      const prefix = query.instanceIdPrefix;
      const next = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
      clauses.push(odata`PartitionKey ge ${prefix} and PartitionKey lt ${next}`);
    }
    return clauses.join(' and ');
  }

  async function query(
    q: InstanceQuery,
    pageSize: number,
    continuationToken?: string,
  ): Promise<InstancePage> {
    const filter = filterOf(q);
    const pages = table
      .listEntities<Record<string, unknown>>(filter ? { queryOptions: { filter } } : {})
      .byPage({ maxPageSize: pageSize, ...(continuationToken ? { continuationToken } : {}) });
    const page = await pages.next();
    if (page.done) return { instances: [] };
    const instances = page.value.map((e) => fromEntity(e));
    return {
      instances,
      ...(page.value.continuationToken ? { continuationToken: page.value.continuationToken } : {}),
    };
  }

  async function all(q: InstanceQuery): Promise<InstanceState[]> {
    const filter = filterOf(q);
    const found: InstanceState[] = [];
    for await (const e of table.listEntities<Record<string, unknown>>(
      filter ? { queryOptions: { filter } } : {},
    )) {
      found.push(fromEntity(e));
    }
    return found;
  }

  return { get, put, remove, query, all };
}

export type InstanceStore = ReturnType<typeof createInstanceStore>;
