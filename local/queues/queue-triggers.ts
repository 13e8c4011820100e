import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import type { CoreLog } from '../functions-core/core-api';
import type { RegisteredFunction } from '../functions-core/function-registry';
import { invokeFunction, type AppState } from '../functions-core/invoke-function';
import { connectionSetting, resolveSettingReference, type AppSettings } from '../host/app-settings';
import { createQueueListener, type QueueListener } from './queue-listener';
import { decodeMessageText, storageQueueMetadata, toTriggerData } from './queue-message';
import { assertStorageQueueName, poisonQueueName, serviceBusLocalQueueName } from './queue-names';
import {
  defaultQueueSettings,
  defaultServiceBusMaxDeliveryCount,
  type QueueSettings,
} from './queue-settings';
import { serviceBusInvocation } from './service-bus-envelope';

export interface QueueTriggersOptions {
  app: AppState;
  /** Queue-triggered functions to serve; default: every storageQueue / serviceBus trigger in the registry. */
  functions?: RegisteredFunction[];
  /** App settings: connection strings are looked up here by the trigger's `connection` name. */
  settings: AppSettings;
  /** host.json `extensions.queues` (defaults apply to missing fields). */
  queues?: Partial<QueueSettings>;
  /** Attempts before a Service Bus stand-in message goes to poison (Service Bus MaxDeliveryCount, default 10). */
  serviceBusMaxDeliveryCount?: number;
  /** host.json `extensions.serviceBus.maxConcurrentCalls`: calls in flight per Service Bus stand-in. */
  serviceBusMaxConcurrentCalls?: number;
  /** The app setting holding the storage account that stands in for Service Bus (default AzureWebJobsStorage). */
  serviceBusStorageSetting?: string;
  minPollingIntervalMs?: number;
  log: CoreLog;
}

const queueTriggerTypes = new Set(['queuetrigger', 'servicebustrigger']);

/** The storage-queue and Service Bus triggers of an app, served from (Azurite) storage queues. */
export function createQueueTriggers(options: QueueTriggersOptions) {
  const settings: QueueSettings = { ...defaultQueueSettings, ...options.queues };
  const { app, log } = options;
  const functions =
    options.functions ??
    app.registry.all().filter((f) => queueTriggerTypes.has(f.trigger.type.toLowerCase()));
  const services = new Map<string, QueueServiceClient>();
  const service = (conn: string) => {
    let client = services.get(conn);
    if (!client) services.set(conn, (client = QueueServiceClient.fromConnectionString(conn)));
    return client;
  };

  const queues: QueueClient[] = [];
  const listeners: QueueListener[] = functions.map((fn) => {
    const t = fn.trigger;
    const resolve = (v: unknown, what: string) =>
      typeof v === 'string'
        ? resolveSettingReference(v, options.settings, `Function "${fn.name}" ${what}`)
        : undefined;
    const isServiceBus = t.type.toLowerCase() === 'servicebustrigger';
    const queueName = isServiceBus
      ? serviceBusLocalQueueName({
          queueName: resolve(t.queueName, 'queueName'),
          topicName: resolve(t.topicName, 'topicName'),
        })
      : assertStorageQueueName(resolve(t.queueName, 'queueName') ?? '', `Function "${fn.name}" queueName`);
    const settingName = isServiceBus
      ? (options.serviceBusStorageSetting ?? 'AzureWebJobsStorage')
      : typeof t.connection === 'string' && t.connection
        ? t.connection
        : 'AzureWebJobsStorage';
    const client = service(connectionSetting(options.settings, settingName, `Function "${fn.name}"`));
    const cardinality = t.cardinality === 'many' ? 'many' : 'one';
    const queue = client.getQueueClient(queueName);
    queues.push(queue);
    return createQueueListener({
      functionName: fn.name,
      queue,
      poisonQueue: client.getQueueClient(poisonQueueName(queueName)),
      settings: isServiceBus
        ? {
            ...settings,
            maxDequeueCount: options.serviceBusMaxDeliveryCount ?? defaultServiceBusMaxDeliveryCount,
          }
        : settings,
      decode: (text) => decodeMessageText(text, settings.messageEncoding),
      log,
      ...(options.minPollingIntervalMs !== undefined
        ? { minPollingIntervalMs: options.minPollingIntervalMs }
        : {}),
      ...(isServiceBus && options.serviceBusMaxConcurrentCalls
        ? { maxConcurrentCalls: options.serviceBusMaxConcurrentCalls }
        : {}),
      async handle(message, body) {
        const input = isServiceBus
          ? serviceBusInvocation({ name: fn.name, triggerName: t.name, cardinality }, message, body)
          : { data: toTriggerData(body), triggerMetadata: storageQueueMetadata(fn.name, message, body) };
        await invokeFunction(app, fn, {
          inputData: [{ name: t.name, data: input.data }],
          triggerMetadata: input.triggerMetadata,
        });
      },
    });
  });

  const topics = functions.filter((f) => typeof f.trigger.topicName === 'string');
  const shared = topics.filter(
    (f, i) => topics.findIndex((g) => g.trigger.topicName === f.trigger.topicName) !== i,
  );
  for (const fn of shared) {
    log(
      'warning',
      'system',
      `Function "${fn.name}": subscriptions of topic "${String(fn.trigger.topicName)}" share one local queue (no fan-out).`,
    );
  }

  return {
    listeners,
    /** Creates the queues (the host creates missing trigger queues too) and starts polling. */
    async start(): Promise<void> {
      await Promise.all(queues.map((q) => q.createIfNotExists()));
      listeners.forEach((l) => l.start());
      if (listeners.length)
        log(
          'information',
          'system',
          `Queue triggers: ${listeners.map((l) => `${l.functionName} <- ${l.queueName}`).join(', ')}`,
        );
    },
    /** Polls `queueName` now (matches storage queue names and Service Bus entity names). */
    nudge(queueName: string): void {
      const local = serviceBusLocalQueueName({ queueName });
      listeners.filter((l) => l.queueName === queueName || l.queueName === local).forEach((l) => l.nudge());
    },
    /** No new dequeues; waits (bounded) for running invocations. False if some were still running. */
    async stop(timeoutMs = 10_000): Promise<boolean> {
      const results = await Promise.all(listeners.map((l) => l.stop(timeoutMs)));
      return results.every(Boolean);
    },
  };
}

export type QueueTriggers = ReturnType<typeof createQueueTriggers>;
