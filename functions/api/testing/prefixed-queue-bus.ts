import { QueueServiceClient } from '@azure/storage-queue';
import { createStorageQueueMessageBus } from '../../../shared/adapters/messaging/storage-queue-message-bus';
import { executionQueueName, type ExecutionRequested } from '../../../shared/contracts/run-messages';
import type { MessageBus } from '../../../shared/ports/message-bus';
import { testConnectionString, uniqueName } from '../../../test/support/storage';

/**
 * Real Storage queues on the test Azurite, every queue under a prefix of this bus so that test files running
 * at once never see each other's messages; `published(runId)` finds a run's request on the execution queue.
 */
export function createPrefixedQueueBus() {
  const prefix = uniqueName('q');
  const inner = createStorageQueueMessageBus({ connectionString: testConnectionString() }, () => new Date());
  const bus: MessageBus = {
    publish: (queue, m) => inner.publish(`${prefix}-${queue}`, m),
    ping: () => inner.ping(),
  };
  const executionQueue = QueueServiceClient.fromConnectionString(testConnectionString()).getQueueClient(
    `${prefix}-${executionQueueName}`,
  );
  /** The run's ExecutionRequested among the queue's first 32 messages, peeked (left on the queue). */
  async function published(runId: string): Promise<ExecutionRequested | undefined> {
    const { peekedMessageItems } = await executionQueue.peekMessages({ numberOfMessages: 32 });
    return peekedMessageItems
      .map(
        (m) =>
          JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { body: ExecutionRequested },
      )
      .find((m) => m.body.runId === runId)?.body;
  }
  return { bus, published };
}
