import { QueueServiceClient } from '@azure/storage-queue';
import { createRenderJob } from '../../jobs/render-job';
import { loadConfigFromEnvironment } from '../../shared/config/load-config';
import { renderJobQueueName } from '../../shared/contracts/render-jobs';
import type { CoreLog } from '../functions-core/core-api';
import { createQueueListener } from '../queues/queue-listener';
import { decodeMessageText } from '../queues/queue-message';
import { poisonQueueName } from '../queues/queue-names';
import { defaultQueueSettings } from '../queues/queue-settings';
import { parseServiceBusEnvelope } from '../queues/service-bus-envelope';

export interface RenderJobConsumerOptions {
  connectionString: string;
  log: CoreLog;
  /** Renders at once (each holds a Chromium tab); default 1, as one job execution renders one message. */
  concurrency?: number;
  /** Failed attempts before a message goes to `render-jobs-poison` (default 5). */
  maxDequeueCount?: number;
}

/**
 * The render job on one machine: the local host consumes the `render-jobs` queue in its own process and
 * runs the job's handler, as the Container Apps job does in Azure. It is not a function registration, so
 * `functions/` keeps only what Azure runs. The job has its own dependencies (and its own browser), built
 * from the app settings the host exported. A failed attempt makes the message visible again; after
 * `maxDequeueCount` it moves to poison and the waiting orchestration times out.
 */
export function createRenderJobConsumer(options: RenderJobConsumerOptions) {
  const job = createRenderJob(loadConfigFromEnvironment(), `render-job:local:${process.pid}`);
  const service = QueueServiceClient.fromConnectionString(options.connectionString);
  const queue = service.getQueueClient(renderJobQueueName);
  const listener = createQueueListener({
    functionName: 'renderJob',
    queue,
    poisonQueue: service.getQueueClient(poisonQueueName(renderJobQueueName)),
    settings: { ...defaultQueueSettings, maxDequeueCount: options.maxDequeueCount ?? 5 },
    decode: (text) => decodeMessageText(text, 'base64'),
    maxConcurrentCalls: options.concurrency ?? 1,
    log: options.log,
    async handle(_message, body) {
      // The Storage-queue bus writes the Service Bus envelope; its body is the RenderJobRequested.
      const envelope = parseServiceBusEnvelope(body);
      await job.handle(envelope ? envelope.body : JSON.parse(body.toString('utf8')));
    },
  });
  return {
    workerId: job.workerId,
    async start(): Promise<void> {
      await queue.createIfNotExists();
      listener.start();
      options.log('information', 'system', `Render job consumer: ${renderJobQueueName} (${job.workerId})`);
    },
    async stop(timeoutMs = 10_000): Promise<void> {
      await listener.stop(timeoutMs);
      await job.close();
    },
  };
}
