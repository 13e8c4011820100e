import type { QueueClient } from '@azure/storage-queue';
import type { CoreLog } from '../functions-core/core-api';
import { createInFlight } from '../host/in-flight';
import type { ReceivedMessage } from './queue-message';
import type { QueueSettings } from './queue-settings';

export interface QueueListenerDeps {
  functionName: string;
  queue: QueueClient;
  poisonQueue: QueueClient;
  settings: QueueSettings;
  /** Decoded message body, or undefined when it cannot be decoded (the message goes to poison at once). */
  decode(messageText: string): Buffer | undefined;
  /** Runs the function for one message; a rejection counts as a failed attempt. */
  handle(message: ReceivedMessage, body: Buffer): Promise<void>;
  log: CoreLog;
  /** Shortest poll delay after an empty poll (default 50 ms); it doubles up to maxPollingIntervalMs. */
  minPollingIntervalMs?: number;
  /** How long a received message stays invisible while its function runs (renewed at half-time; default 10 min). */
  leaseMs?: number;
  /**
   * Service Bus semantics (`maxConcurrentCalls`) instead of the queue's batch rule: at most this many messages in
   * flight, and a fetch (up to 32) as soon as a call finishes.
   */
  maxConcurrentCalls?: number;
}

/**
 * Serves one queue-triggered function as the host's QueueListener does: polls with backoff, fetches
 * up to `batchSize` messages and a new batch once running ones drop to `newBatchThreshold` (or, standing in
 * for Service Bus, keeps up to `maxConcurrentCalls` in flight), deletes a message on success, makes it
 * visible again after `visibilityTimeout` on failure, and moves it to `<queue>-poison` once it failed
 * `maxDequeueCount` times.
 */
export function createQueueListener(deps: QueueListenerDeps) {
  const { settings, log, functionName: name } = deps;
  const minDelay = deps.minPollingIntervalMs ?? 50;
  const leaseSeconds = Math.max(1, Math.round((deps.leaseMs ?? 600_000) / 1000));
  const inFlight = createInFlight();
  let running = 0;
  let delay = minDelay;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let stopped = true;
  let pollErrorLogged = false;
  let poisonReady: Promise<unknown> | undefined;

  const schedule = (ms: number) => {
    if (stopped || polling || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void inFlight.track(poll);
    }, ms);
  };

  const moveToPoison = async (message: ReceivedMessage, popReceipt: string, why: string) => {
    log(
      'error',
      'system',
      `Queue "${deps.queue.name}": message ${message.messageId} ${why}; moving it to "${deps.poisonQueue.name}".`,
    );
    await (poisonReady ??= deps.poisonQueue.createIfNotExists());
    await deps.poisonQueue.sendMessage(message.messageText);
    await deps.queue.deleteMessage(message.messageId, popReceipt);
  };

  const process = async (message: ReceivedMessage) => {
    const lease = { popReceipt: message.popReceipt };
    const renew = setInterval(
      () => {
        deps.queue
          .updateMessage(message.messageId, lease.popReceipt, undefined, leaseSeconds)
          .then((r) => (lease.popReceipt = r.popReceipt ?? lease.popReceipt))
          .catch((err: Error) =>
            log('warning', 'system', `Queue "${deps.queue.name}": lease renewal failed: ${err.message}`),
          );
      },
      (leaseSeconds * 1000) / 2,
    );
    try {
      if (message.dequeueCount > settings.maxDequeueCount) {
        return await moveToPoison(message, lease.popReceipt, `was dequeued ${message.dequeueCount} times`);
      }
      const body = deps.decode(message.messageText);
      if (!body)
        return await moveToPoison(message, lease.popReceipt, `is not valid ${settings.messageEncoding}`);
      try {
        await deps.handle(message, body);
      } catch (err) {
        log(
          'error',
          'system',
          `Function "${name}" failed on message ${message.messageId} (attempt ${message.dequeueCount}): ${(err as Error)?.stack ?? String(err)}`,
        );
        clearInterval(renew);
        if (message.dequeueCount >= settings.maxDequeueCount) {
          return await moveToPoison(message, lease.popReceipt, `failed ${message.dequeueCount} times`);
        }
        await deps.queue.updateMessage(
          message.messageId,
          lease.popReceipt,
          undefined,
          Math.round(settings.visibilityTimeoutMs / 1000),
        );
        return;
      }
      clearInterval(renew);
      await deps.queue.deleteMessage(message.messageId, lease.popReceipt);
    } catch (err) {
      log(
        'warning',
        'system',
        `Queue "${deps.queue.name}": could not settle message ${message.messageId}: ${(err as Error).message}`,
      );
    } finally {
      clearInterval(renew);
      running--;
      schedule(0);
    }
  };

  /** Messages received after stop() was called are released at once rather than left invisible. */
  const release = async (messages: ReceivedMessage[]) => {
    await Promise.allSettled(
      messages.map((m) => deps.queue.updateMessage(m.messageId, m.popReceipt, undefined, 0)),
    );
  };

  async function poll(): Promise<void> {
    const cap = deps.maxConcurrentCalls;
    if (stopped || (cap ? running >= cap : running > settings.newBatchThreshold)) return;
    polling = true;
    let messages: ReceivedMessage[] = [];
    try {
      const wanted = Math.max(1, Math.min(32, cap ? cap - running : settings.batchSize));
      messages = (
        await deps.queue.receiveMessages({ numberOfMessages: wanted, visibilityTimeout: leaseSeconds })
      ).receivedMessageItems;
      pollErrorLogged = false;
    } catch (err) {
      if (!pollErrorLogged)
        log('warning', 'system', `Queue "${deps.queue.name}": polling failed: ${(err as Error).message}`);
      pollErrorLogged = true;
    } finally {
      polling = false;
    }
    if (stopped) return release(messages);
    if (messages.length === 0) {
      schedule(delay);
      delay = Math.min(delay * 2, settings.maxPollingIntervalMs);
      return;
    }
    delay = minDelay;
    running += messages.length;
    for (const message of messages) void inFlight.track(() => process(message));
    schedule(0);
  }

  return {
    functionName: name,
    queueName: deps.queue.name,
    start(): void {
      stopped = false;
      schedule(0);
    },
    /** Polls now instead of waiting out the backoff (e.g. right after enqueueing). */
    nudge(): void {
      delay = minDelay;
      if (timer) clearTimeout(timer);
      timer = undefined;
      schedule(0);
    },
    /** No new dequeues; waits (bounded) for running messages. False if some were still running. */
    async stop(timeoutMs = 10_000): Promise<boolean> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      return inFlight.idle(timeoutMs);
    },
    running: () => running,
  };
}

export type QueueListener = ReturnType<typeof createQueueListener>;
