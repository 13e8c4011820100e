import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { z } from 'zod';
import { AppError, conflict, preconditionFailed } from '../../domain/errors';
import { decodeDoc, encodeDoc } from './doc-codec';
import { createPartitionBatcher } from './partition-batcher';
import { readTablePage } from './read-table-page';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';
import type { DocumentTable } from '../../ports/document-store';

export type { DocumentTable } from '../../ports/document-store';

export interface DocumentTableSpec<T> {
  tableName: string;
  entityName: string;
  schema: z.ZodType<T>;
  id: (doc: T) => string;
  /** Secondary orders, each a key per document (undefined = not in that index). Written in the same batch. */
  indexes?: Record<string, (doc: T) => string | undefined>;
  /**
   * Inserts of one tenant that arrive together (within 5 ms) share one entity group transaction; each caller
   * still gets exactly its own outcome (a transaction that fails is split until the failing insert is alone).
   */
  batchInserts?: boolean;
}

const sep = '|';
const mainKey = (id: string) => `id${sep}${id}`;
const indexKey = (index: string, key: string, id: string) => `${index}${sep}${key}${sep}${id}`;

/**
 * Tenant-owned documents in Azure Table storage. PartitionKey is always the tenant id, so a query can
 * never cross tenants, and a document and its index rows (each a full copy, so a listing is one query)
 * are written in one atomic batch.
 */
/**
 * The rows a document is stored as in the tenant's partition: the main row first, then a full copy per index.
 * Exported for a writer that puts a document into a transaction of its own (the execution quota's counted
 * insert of a run row); every other write goes through createDocumentTable.
 */
export function documentRows<T>(spec: DocumentTableSpec<T>, tenantId: string, doc: T) {
  const id = spec.id(doc);
  const body = encodeDoc(doc);
  const rows = [{ partitionKey: tenantId, rowKey: mainKey(id), ...body }];
  for (const [name, keyOf] of Object.entries(spec.indexes ?? {})) {
    const key = keyOf(doc);
    if (key !== undefined) rows.push({ partitionKey: tenantId, rowKey: indexKey(name, key, id), ...body });
  }
  return rows;
}

export function createDocumentTable<T>(tables: TableService, spec: DocumentTableSpec<T>): DocumentTable<T> {
  const indexes = Object.entries(spec.indexes ?? {});

  const rowsOf = (tenantId: string, doc: T) => documentRows(spec, tenantId, doc);

  /** The row keys of a stored document (main row first); an index key that cannot be computed is skipped. */
  const rowKeysOf = (doc: T, id: string) => {
    const keys = [mainKey(id)];
    for (const [name, keyOf] of indexes) {
      let key: string | undefined;
      try {
        key = keyOf(doc);
      } catch {
        key = undefined;
      }
      if (key !== undefined) keys.push(indexKey(name, key, id));
    }
    return keys;
  };

  const parse = (entity: Record<string, unknown>): T => spec.schema.parse(decodeDoc(entity));

  /** One bad row (written by an older version, edited by hand) must not take the whole listing down. */
  const parseListed = (tenantId: string, entity: Record<string, unknown>): T[] => {
    try {
      return [parse(entity)];
    } catch (err) {
      const rowKey = typeof entity.rowKey === 'string' ? entity.rowKey : '';
      tables.onUnreadableRow?.({
        table: spec.tableName,
        tenantId,
        rowKey,
        reason: err instanceof Error ? err.message.slice(0, 500) : String(err),
      });
      return [];
    }
  };

  /** The stored document without its schema: enough to find and delete a row that no longer parses. */
  async function readRaw(client: TableClient, tenantId: string, id: string) {
    try {
      const entity = await client.getEntity<Record<string, unknown>>(tenantId, mainKey(id));
      return { doc: decodeDoc(entity) as T, etag: entity.etag };
    } catch (err) {
      if (storageStatus(err) === 404) return undefined;
      throw err;
    }
  }

  async function submit(client: TableClient, actions: TransactionAction[], id: string) {
    try {
      const result = await client.submitTransaction(actions);
      // The main row is always the first action; sub-responses keep the batch order.
      return result.subResponses[0]?.etag ?? '';
    } catch (err) {
      const status = storageStatus(err);
      if (status === 409) throw conflict(`${spec.entityName} ${id} already exists`, { id });
      if (status === 412) throw preconditionFailed(spec.entityName, id);
      if (status === 404) throw new AppError('NOT_FOUND', `${spec.entityName} ${id} was not found`, { id });
      throw err;
    }
  }

  const insertBatcher = spec.batchInserts
    ? createPartitionBatcher(() => tables.table(spec.tableName))
    : undefined;

  return {
    async insert(tenantId, doc) {
      const actions: TransactionAction[] = rowsOf(tenantId, doc).map((row) => ['create', row]);
      const alone = async () => submit(await tables.table(spec.tableName), actions, spec.id(doc));
      if (!insertBatcher) return { doc, etag: await alone() };
      const etag = await insertBatcher({
        partitionKey: tenantId,
        actions,
        // The main row is always the first action of an insert.
        fromBatch: (responses) => responses[0]?.etag ?? '',
        alone,
      });
      return { doc, etag };
    },

    async get(tenantId, id) {
      const client = await tables.table(spec.tableName);
      try {
        const entity = await client.getEntity<Record<string, unknown>>(tenantId, mainKey(id));
        return { doc: parse(entity), etag: entity.etag };
      } catch (err) {
        if (storageStatus(err) === 404) return undefined;
        throw err;
      }
    },

    async replace(tenantId, doc, etag) {
      const client = await tables.table(spec.tableName);
      const id = spec.id(doc);
      const current = await this.get(tenantId, id);
      if (!current) throw new AppError('NOT_FOUND', `${spec.entityName} ${id} was not found`, { id });
      const [main, ...newIndexRows] = rowsOf(tenantId, doc);
      const newKeys = new Set(newIndexRows.map((r) => r.rowKey));
      const staleKeys = rowsOf(tenantId, current.doc)
        .slice(1)
        .map((r) => r.rowKey)
        .filter((k) => !newKeys.has(k));
      const actions: TransactionAction[] = [
        ['update', main!, 'Replace', { etag }],
        ...staleKeys.map((rowKey): TransactionAction => ['delete', { partitionKey: tenantId, rowKey }]),
        ...newIndexRows.map((row): TransactionAction => ['upsert', row, 'Replace']),
      ];
      return { doc, etag: await submit(client, actions, id) };
    },

    async remove(tenantId, id, etag) {
      const client = await tables.table(spec.tableName);
      // Read without the schema, so a document that no longer parses can still be deleted.
      const current = await readRaw(client, tenantId, id);
      if (!current) throw new AppError('NOT_FOUND', `${spec.entityName} ${id} was not found`, { id });
      // A batch delete cannot carry If-Match, so the ETag is checked on the row just read.
      if (etag !== undefined && etag !== current.etag) throw preconditionFailed(spec.entityName, id);
      const actions = rowKeysOf(current.doc, id).map((rowKey): TransactionAction => [
        'delete',
        { partitionKey: tenantId, rowKey },
      ]);
      await submit(client, actions, id);
    },

    async list(tenantId, options) {
      const client = await tables.table(spec.tableName);
      const start = options.index && options.index !== 'id' ? `${options.index}${sep}` : `id${sep}`;
      const base = start + (options.prefix ?? '');
      const from = base + (options.from ?? '');
      const until = options.until === undefined ? base + '\uffff' : base + options.until;
      const filter = odata`PartitionKey eq ${tenantId} and RowKey ge ${from} and RowKey lt ${until}`;
      const page = await readTablePage(client, filter, { limit: options.limit, token: options.cursor });
      return {
        items: page.entities.flatMap((entity) => parseListed(tenantId, entity)),
        nextCursor: page.continuationToken,
      };
    },
  };
}
