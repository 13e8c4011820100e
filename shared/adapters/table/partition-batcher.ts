import type { TableClient, TableTransactionEntityResponse, TransactionAction } from '@azure/data-tables';

/** One caller's write: its actions (one partition, atomic together) and how to read its outcome. */
export interface BatchableWrite<R> {
  partitionKey: string;
  actions: TransactionAction[];
  /** Its outcome from its own sub-responses, when it went out in a batch that succeeded. */
  fromBatch(responses: TableTransactionEntityResponse[]): R;
  /** The same write on its own (when it is alone, or its batch failed), with its own error handling. */
  alone(): Promise<R>;
}

interface Waiting {
  write: BatchableWrite<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

const MAX_ACTIONS = 100;
/** How long the first write (or read) of an idle partition waits for others to join it. */
const GATHER_MS = 5;
const MAX_BYTES = 2_000_000; // a transaction may carry 4 MiB; stay well inside

const rowKeyOf = (action: TransactionAction) => {
  const rowKey = (action[1] as { rowKey?: unknown }).rowKey;
  return typeof rowKey === 'string' ? rowKey : '';
};
const sizeOf = (action: TransactionAction) => JSON.stringify(action[1]).length * 2;

/** The next transaction's worth from the front of a partition's queue: ≤ 100 entities, none twice. */
function takeGroup(queue: Waiting[]): Waiting[] {
  const group: Waiting[] = [];
  const rowKeys = new Set<string>();
  let actions = 0;
  let bytes = 0;
  while (queue.length > 0) {
    const { write } = queue[0]!;
    const keys = write.actions.map(rowKeyOf);
    const size = write.actions.reduce((sum, a) => sum + sizeOf(a), 0);
    const fits =
      actions + write.actions.length <= MAX_ACTIONS &&
      bytes + size <= MAX_BYTES &&
      !keys.some((k) => rowKeys.has(k));
    if (group.length > 0 && !fits) break;
    group.push(queue.shift()!);
    keys.forEach((k) => rowKeys.add(k));
    actions += write.actions.length;
    bytes += size;
  }
  return group;
}

/**
 * Writes that arrive together go out together: per partition, one entity group transaction at a time, carrying
 * every write that arrived meanwhile (≤ 100 entities, no entity twice, in arrival order). If a transaction fails, it
 * is split in halves and each half tried again, down to the write that fails on its own — so every caller gets
 * exactly the outcome its single write would have had, and a batch only makes writes that succeed cheaper. A busy sweep touching
 * many rows of the same partitions (gates of one tenant, due rows of one minute) is where that pays.
 */
export function createPartitionBatcher(client: () => Promise<TableClient>) {
  const partitions = new Map<string, { queue: Waiting[]; busy: boolean }>();

  const runAlone = (item: Waiting) => item.write.alone().then(item.resolve, item.reject);

  async function send(group: Waiting[]): Promise<void> {
    if (group.length === 1) return runAlone(group[0]!);
    let responses: TableTransactionEntityResponse[];
    try {
      responses = (await (await client()).submitTransaction(group.flatMap((i) => i.write.actions)))
        .subResponses;
    } catch {
      // One write spoils the transaction: halve it until the spoiler is alone (O(log n) more requests).
      const half = Math.ceil(group.length / 2);
      await Promise.all([send(group.slice(0, half)), send(group.slice(half))]);
      return;
    }
    let at = 0;
    for (const item of group) {
      const own = responses.slice(at, (at += item.write.actions.length));
      try {
        item.resolve(item.write.fromBatch(own));
      } catch (err) {
        item.reject(err);
      }
    }
  }

  async function drain(partitionKey: string): Promise<void> {
    const state = partitions.get(partitionKey)!;
    while (state.queue.length > 0) await send(takeGroup(state.queue));
    state.busy = false;
    partitions.delete(partitionKey);
  }

  return function enqueue<R>(write: BatchableWrite<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let state = partitions.get(write.partitionKey);
      if (!state) partitions.set(write.partitionKey, (state = { queue: [], busy: false }));
      state.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (state.busy) return;
      state.busy = true;
      setTimeout(() => void drain(write.partitionKey), GATHER_MS);
    });
  };
}

export type PartitionBatcher = ReturnType<typeof createPartitionBatcher>;
