import { DefaultAzureCredential } from '@azure/identity';
import { ServiceBusClient } from '@azure/service-bus';
import { loadConfigFromEnvironment } from '../shared/config/load-config';
import { renderJobQueueName } from '../shared/contracts/render-jobs';
import { createRenderJob } from './render-job';

/** Messages one execution takes before it exits (KEDA starts more executions while the queue is long). */
const maxMessagesPerExecution = 10;

/**
 * The Container Apps job's entry (`node dist/jobs/main.js`), started by KEDA's azure-servicebus scaler
 * while `render-jobs` has messages. It takes messages one at a time with a peek-lock (renewed for up to
 * RENDER_JOB_TIMEOUT_SECONDS), completes each after the render's outcome is published, and abandons it on
 * a transient failure so Service Bus redelivers it (and dead-letters it after MaxDeliveryCount). Service
 * Bus has no emulator here: this file is compiled and linted, not run by the tests; the local host runs
 * the same `createRenderJob` behind its own queue consumer.
 */
async function main(): Promise<number> {
  const config = loadConfigFromEnvironment();
  const namespace = config.ServiceBusConnection__fullyQualifiedNamespace;
  const connection = config.ServiceBusConnection;
  if (!namespace && !connection?.startsWith('Endpoint=sb://')) {
    console.error(
      'The render job reads its queue from Service Bus: set ServiceBusConnection__fullyQualifiedNamespace.',
    );
    return 2;
  }
  const client = namespace
    ? new ServiceBusClient(namespace, new DefaultAzureCredential())
    : new ServiceBusClient(connection!);
  const receiver = client.createReceiver(renderJobQueueName, {
    maxAutoLockRenewalDurationInMs: config.RENDER_JOB_TIMEOUT_SECONDS * 1000,
  });
  const job = createRenderJob(config);
  let failed = 0;
  try {
    for (let i = 0; i < maxMessagesPerExecution; i++) {
      const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5_000 });
      if (!message) break;
      try {
        await job.handle(message.body);
        await receiver.completeMessage(message);
      } catch (err) {
        failed++;
        console.error(`render job ${String(message.messageId)} failed; it will be redelivered`, err);
        await receiver.abandonMessage(message).catch(() => undefined);
      }
    }
  } finally {
    await receiver.close();
    await client.close();
    await job.close();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
