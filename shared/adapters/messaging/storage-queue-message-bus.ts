import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import type { MessageBus } from '../../ports/message-bus';
import { currentTraceparent } from '../observability/trace-propagation';
import { serviceUrl, type StorageTarget } from '../storage/storage-target';

const maxDelaySeconds = 7 * 24 * 3600;

/**
 * The message bus on Azure Storage queues: a scheduled message is a message whose visibility is delayed.
 * Locally this is also how Service Bus triggers are fed: the local host serves a Service Bus queue trigger
 * from the Storage queue of the same name, reading this envelope (body, messageId, applicationProperties),
 * base64-encoded like the Functions queue extension expects.
 */
export function createStorageQueueMessageBus(target: StorageTarget, clock: () => Date): MessageBus {
  const service =
    'connectionString' in target
      ? QueueServiceClient.fromConnectionString(target.connectionString)
      : new QueueServiceClient(serviceUrl(target.accountName, 'queue'), target.credential);
  const queues = new Map<string, Promise<QueueClient>>();
  const queue = (name: string) => {
    let client = queues.get(name);
    if (!client) {
      const q = service.getQueueClient(name);
      client = q.createIfNotExists().then(() => q);
      client.catch(() => queues.delete(name));
      queues.set(name, client);
    }
    return client;
  };
  return {
    async publish(name, message) {
      const delayMs = message.scheduledFor ? message.scheduledFor.getTime() - clock().getTime() : 0;
      const visibilityTimeout = Math.min(maxDelaySeconds, Math.max(0, Math.ceil(delayMs / 1000)));
      const traceparent = currentTraceparent();
      const envelope = {
        body: message.body,
        messageId: message.messageId,
        applicationProperties: traceparent ? { traceparent } : {},
      };
      await (
        await queue(name)
      ).sendMessage(Buffer.from(JSON.stringify(envelope)).toString('base64'), {
        visibilityTimeout,
        messageTimeToLive: -1,
      });
    },
    async ping() {
      await service.getProperties();
    },
    async depth(name) {
      const properties = await (await queue(name)).getProperties();
      return properties.approximateMessagesCount ?? 0;
    },
  };
}
