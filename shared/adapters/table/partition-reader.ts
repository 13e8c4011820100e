import { odata, type TableClient } from '@azure/data-tables';

/** A query may hold 15 comparisons: the PartitionKey and 14 RowKeys. */
const MAX_KEYS = 14;
/** How long the first write (or read) of an idle partition waits for others to join it. */
const GATHER_MS = 5;

interface Waiting {
  rowKey: string;
  resolve: (entity: Record<string, unknown> | undefined) => void;
  reject: (reason: unknown) => void;
}

/**
 * Point reads that arrive together go out together: per partition, one query at a time for up to 14 row keys
 * (`PartitionKey eq … and (RowKey eq … or …)`), carrying every read that arrived meanwhile. Each caller gets its
 * entity (with `etag`), or undefined when it does not exist.
 */
export function createPartitionReader(client: () => Promise<TableClient>) {
  const partitions = new Map<string, { queue: Waiting[]; busy: boolean }>();

  async function read(partitionKey: string, group: Waiting[]): Promise<void> {
    const keys = [...new Set(group.map((w) => w.rowKey))];
    const rowKeys = keys.map((k) => odata`RowKey eq ${k}`).join(' or ');
    const filter = `${odata`PartitionKey eq ${partitionKey}`} and (${rowKeys})`;
    try {
      const found = new Map<string, Record<string, unknown>>();
      const pages = (await client()).listEntities<Record<string, unknown>>({ queryOptions: { filter } });
      for await (const entity of pages) found.set(String(entity.rowKey), entity);
      for (const waiting of group) waiting.resolve(found.get(waiting.rowKey));
    } catch (err) {
      for (const waiting of group) waiting.reject(err);
    }
  }

  async function drain(partitionKey: string): Promise<void> {
    const state = partitions.get(partitionKey)!;
    while (state.queue.length > 0) await read(partitionKey, state.queue.splice(0, MAX_KEYS));
    partitions.delete(partitionKey);
  }

  return function get(partitionKey: string, rowKey: string): Promise<Record<string, unknown> | undefined> {
    return new Promise((resolve, reject) => {
      let state = partitions.get(partitionKey);
      if (!state) partitions.set(partitionKey, (state = { queue: [], busy: false }));
      state.queue.push({ rowKey, resolve, reject });
      if (state.busy) return;
      state.busy = true;
      setTimeout(() => void drain(partitionKey), GATHER_MS);
    });
  };
}
