/** host.json `extensions.queues`, with the host's defaults (maxPollingInterval shortened for local use). */
export interface QueueSettings {
  batchSize: number;
  newBatchThreshold: number;
  maxPollingIntervalMs: number;
  visibilityTimeoutMs: number;
  maxDequeueCount: number;
  messageEncoding: 'base64' | 'none';
}

export const defaultQueueSettings: QueueSettings = {
  batchSize: 16,
  newBatchThreshold: 8,
  maxPollingIntervalMs: 1000,
  visibilityTimeoutMs: 0,
  maxDequeueCount: 5,
  messageEncoding: 'base64',
};

/** Service Bus's default MaxDeliveryCount, used for the local stand-in queues. */
export const defaultServiceBusMaxDeliveryCount = 10;
