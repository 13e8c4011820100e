import { createHash } from 'node:crypto';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_FIRES,
  type ExecutionBatchRequested,
  type ExecutionRequested,
} from '../../contracts/run-messages';
import type { MessageBus } from '../../ports/message-bus';

/**
 * How long the first fire of an instant waits for the sweep's other fires of that instant. An ordinary fire is
 * published up to a minute ahead of its fire time (the look-ahead), so the wait costs it nothing; on a busy host the
 * sweep reaches its fires slowly and a short wait would send many small batches.
 */
export const FIRE_GATHER_MS = 200;

/** Publishes one fire; resolves once the message carrying it is on the bus. */
export type PublishFire = (fire: ExecutionRequested, scheduledFor?: Date) => Promise<void>;

interface Pending {
  fire: ExecutionRequested;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Gathering {
  scheduledFor: Date | undefined;
  pending: Pending[];
  bytes: number;
  timer: ReturnType<typeof setTimeout>;
}

const batchMessageId = (fires: readonly ExecutionRequested[]) =>
  'batch-' +
  createHash('sha256')
    .update(
      fires
        .map((f) => f.runId)
        .sort()
        .join('|'),
    )
    .digest('hex')
    .slice(0, 32);

/**
 * The sweep's fires of one instant (all tenants), gathered for up to FIRE_GATHER_MS and sent as one
 * ExecutionBatchRequested (≤ MAX_BATCH_FIRES fires, ≤ MAX_BATCH_BYTES of JSON): one message to send, receive and
 * complete instead of one per fire. Each caller's promise settles with its message's send, so the sweep marks a
 * gate published only after the message carrying that fire is on the bus — the same order as a single publish.
 * A fire published twice (a retried sweep) may land in two different batches: its run id dedupes it in the consumer.
 */
export function createFireBatcher(
  bus: Pick<MessageBus, 'publish'>,
  queue: string,
  gatherMs = FIRE_GATHER_MS,
): PublishFire {
  const gathering = new Map<string, Gathering>();

  function flush(key: string): void {
    const batch = gathering.get(key);
    if (!batch) return;
    gathering.delete(key);
    clearTimeout(batch.timer);
    const fires = batch.pending.map((p) => p.fire);
    const body: ExecutionBatchRequested = { fires };
    bus
      .publish(queue, {
        body,
        messageId: batchMessageId(fires),
        ...(batch.scheduledFor ? { scheduledFor: batch.scheduledFor } : {}),
      })
      .then(
        () => batch.pending.forEach((p) => p.resolve()),
        (err: unknown) => batch.pending.forEach((p) => p.reject(err)),
      );
  }

  return (fire, scheduledFor) =>
    new Promise<void>((resolve, reject) => {
      const key = scheduledFor ? String(scheduledFor.getTime()) : 'now';
      const bytes = JSON.stringify(fire).length;
      const open = gathering.get(key);
      if (open && open.bytes + bytes + 1 > MAX_BATCH_BYTES) flush(key);
      let batch = gathering.get(key);
      if (!batch) {
        batch = { scheduledFor, pending: [], bytes: 16, timer: setTimeout(() => flush(key), gatherMs) };
        gathering.set(key, batch);
      }
      batch.pending.push({ fire, resolve, reject });
      batch.bytes += bytes + 1;
      if (batch.pending.length >= MAX_BATCH_FIRES) flush(key);
    });
}
