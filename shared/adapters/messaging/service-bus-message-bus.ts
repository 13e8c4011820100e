import { ServiceBusAdministrationClient, ServiceBusClient, type ServiceBusSender } from '@azure/service-bus';
import type { TokenCredential } from '@azure/identity';
import type { MessageBus } from '../../ports/message-bus';
import { currentTraceparent } from '../observability/trace-propagation';

/**
 * The message bus on Azure Service Bus: scheduled messages for fire times, messageId for duplicate detection,
 * dead-lettering by the broker. Service Bus has no emulator that runs here, so this adapter is not exercised
 * by the test suite; the Storage-queue bus stands in for it locally behind the same port.
 */
export function createServiceBusMessageBus(
  target: { connectionString: string } | { fullyQualifiedNamespace: string; credential: TokenCredential },
): MessageBus {
  const client =
    'connectionString' in target
      ? new ServiceBusClient(target.connectionString)
      : new ServiceBusClient(target.fullyQualifiedNamespace, target.credential);
  // Runtime properties (message counts) come from the management API, not the AMQP client.
  const admin =
    'connectionString' in target
      ? new ServiceBusAdministrationClient(target.connectionString)
      : new ServiceBusAdministrationClient(target.fullyQualifiedNamespace, target.credential);
  const senders = new Map<string, ServiceBusSender>();
  const sender = (queue: string) => {
    let s = senders.get(queue);
    if (!s) senders.set(queue, (s = client.createSender(queue)));
    return s;
  };
  return {
    async publish(queue, message) {
      const traceparent = currentTraceparent();
      const outgoing = {
        body: message.body,
        messageId: message.messageId,
        contentType: 'application/json',
        ...(traceparent ? { applicationProperties: { traceparent } } : {}),
      };
      if (message.scheduledFor) await sender(queue).scheduleMessages(outgoing, message.scheduledFor);
      else await sender(queue).sendMessages(outgoing);
    },
    async ping() {
      // A sender opens its AMQP link lazily; creating a receiver-less batch proves the namespace answers.
      const anyQueue = senders.keys().next().value ?? 'execution-requests';
      await sender(anyQueue).createMessageBatch();
    },
    async depth(queue) {
      const properties = await admin.getQueueRuntimeProperties(queue);
      return properties.activeMessageCount;
    },
  };
}
