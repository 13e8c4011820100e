import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { QueueClient } from '@azure/storage-queue';
import type { z } from 'zod';
import { getString, putString } from './entity-strings';
import type { DurableLog } from './durable-log';

/** A message taken from a queue; `popReceipt` changes whenever its visibility is updated. */
export interface Received<T> {
  body: T;
  messageId: string;
  popReceipt: string;
  dequeueCount: number;
  payloadId?: string;
}

const maxVisibilitySeconds = 7 * 24 * 60 * 60;
/** Bodies above this go to the payload table (a queue message holds at most 64 KiB). */
const maxInlineChars = 48_000;

function visibilitySeconds(delayMs: number): number {
  return Math.min(maxVisibilitySeconds, Math.max(0, Math.floor(delayMs / 1000)));
}

function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}

/**
 * One task-hub queue carrying JSON messages of one schema. Messages never expire; a delayed message
 * is sent invisible (Storage caps that at 7 days — a consumer re-defers what arrives early).
 */
export function createHubQueue<S extends z.ZodType>(options: {
  queue: QueueClient;
  payloads: TableClient;
  schema: S;
  log: DurableLog;
  onSent?: (delayMs: number) => void;
}) {
  type Body = z.infer<S>;
  const { queue, payloads, schema, log } = options;

  async function send(body: Body, delayMs = 0): Promise<void> {
    let text = JSON.stringify(body);
    if (text.length > maxInlineChars) {
      const payloadId = randomUUID();
      const entity: Record<string, unknown> = { partitionKey: payloadId, rowKey: '' };
      putString(entity, 'Body', text);
      await payloads.createEntity(entity as { partitionKey: string; rowKey: string });
      text = JSON.stringify({ $payload: payloadId });
    }
    await queue.sendMessage(text, { messageTimeToLive: -1, visibilityTimeout: visibilitySeconds(delayMs) });
    options.onSent?.(delayMs);
  }

  async function resolveText(text: string): Promise<{ json: unknown; payloadId?: string }> {
    const json = JSON.parse(text) as unknown;
    const payloadId = (json as { $payload?: unknown } | null)?.$payload;
    if (typeof payloadId !== 'string') return { json };
    const entity = await payloads.getEntity<Record<string, unknown>>(payloadId, '');
    return { json: JSON.parse(getString(entity, 'Body') ?? 'null') as unknown, payloadId };
  }

  async function receive(max: number, visibilityMs: number): Promise<Received<Body>[]> {
    const response = await queue.receiveMessages({
      numberOfMessages: Math.min(32, Math.max(1, max)),
      visibilityTimeout: Math.max(1, visibilitySeconds(visibilityMs)),
    });
    const received: Received<Body>[] = [];
    for (const item of response.receivedMessageItems) {
      try {
        const { json, payloadId } = await resolveText(item.messageText);
        received.push({
          body: schema.parse(json),
          messageId: item.messageId,
          popReceipt: item.popReceipt,
          dequeueCount: item.dequeueCount,
          ...(payloadId ? { payloadId } : {}),
        });
      } catch (err) {
        log(
          'error',
          `Dropping unreadable message ${item.messageId} from ${queue.name}: ${(err as Error).message}`,
        );
        await queue.deleteMessage(item.messageId, item.popReceipt).catch(() => undefined);
      }
    }
    return received;
  }

  /** Deletes a handled message. A message whose receipt went stale (it was handled again) is left alone. */
  async function remove(message: Received<Body>): Promise<void> {
    try {
      await queue.deleteMessage(message.messageId, message.popReceipt);
    } catch (err) {
      if (statusCode(err) !== 404 && statusCode(err) !== 400) throw err;
      return;
    }
    if (message.payloadId) await payloads.deleteEntity(message.payloadId, '').catch(() => undefined);
  }

  /** Makes the message invisible for `delayMs` more (defer, or keep it while work runs). */
  async function hide(message: Received<Body>, delayMs: number): Promise<void> {
    try {
      const updated = await queue.updateMessage(
        message.messageId,
        message.popReceipt,
        undefined,
        visibilitySeconds(delayMs),
      );
      if (updated.popReceipt) message.popReceipt = updated.popReceipt;
    } catch (err) {
      if (statusCode(err) !== 404 && statusCode(err) !== 400) throw err;
    }
  }

  /** Keeps a message invisible while `work` runs (renewing at half the visibility), then stops. */
  async function whileHidden<T>(
    message: Received<Body>,
    visibilityMs: number,
    work: () => Promise<T>,
  ): Promise<T> {
    const renew = setInterval(() => {
      hide(message, visibilityMs).catch((err: Error) =>
        log('warning', `Could not renew message ${message.messageId} on ${queue.name}: ${err.message}`),
      );
    }, visibilityMs / 2);
    try {
      return await work();
    } finally {
      clearInterval(renew);
    }
  }

  return {
    name: queue.name,
    create: () => queue.createIfNotExists().then(() => undefined),
    send,
    receive,
    remove,
    hide,
    whileHidden,
  };
}

export type HubQueue<T> = {
  name: string;
  create(): Promise<void>;
  send(body: T, delayMs?: number): Promise<void>;
  receive(max: number, visibilityMs: number): Promise<Received<T>[]>;
  remove(message: Received<T>): Promise<void>;
  hide(message: Received<T>, delayMs: number): Promise<void>;
  whileHidden<R>(message: Received<T>, visibilityMs: number, work: () => Promise<R>): Promise<R>;
};
