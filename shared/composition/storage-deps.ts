import { DefaultAzureCredential } from '@azure/identity';
import { createBlobArtifactStore } from '../adapters/blob/blob-artifact-store';
import { createBlobServiceClient } from '../adapters/blob/blob-service';
import { createServiceBusMessageBus } from '../adapters/messaging/service-bus-message-bus';
import { createStorageQueueMessageBus } from '../adapters/messaging/storage-queue-message-bus';
import { storageTargetFromSettings, type StorageTarget } from '../adapters/storage/storage-target';
import { createTableRepositories } from '../adapters/table/table-repositories';
import { createTableService } from '../adapters/table/table-service';
import type { AppConfig } from '../config/app-config';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import type { Deps } from './deps';
import type { ReadinessProbe } from './http-deps';

/** Service Bus when it is configured (Azure); otherwise Storage queues (local host, small installs). */
function createMessageBus(config: AppConfig, storage: StorageTarget, clock: () => Date): MessageBus {
  const namespace = config.ServiceBusConnection__fullyQualifiedNamespace;
  if (namespace)
    return createServiceBusMessageBus({
      fullyQualifiedNamespace: namespace,
      credential: new DefaultAzureCredential(),
    });
  if (config.ServiceBusConnection?.startsWith('Endpoint=sb://')) {
    return createServiceBusMessageBus({ connectionString: config.ServiceBusConnection });
  }
  return createStorageQueueMessageBus(storage, clock);
}

/**
 * The storage account's clients (Tables, Blob, queues or Service Bus) and what every other part is built on:
 * the repositories, the artifact store and the bus — each replaced by its override when a test gives one —
 * and the readiness probes that ping them.
 */
export function createStorageDeps(
  config: AppConfig,
  parts: {
    logger: Logger;
    clock: () => Date;
    overrides: Partial<Pick<Deps, 'repos' | 'blobs' | 'bus'>>;
  },
) {
  const { logger, clock, overrides } = parts;
  const storage = storageTargetFromSettings({
    connectionString: config.AzureWebJobsStorage,
    accountName: config.AzureWebJobsStorage__accountName,
  });
  const tables = createTableService(storage, {
    onUnreadableRow: (row) => logger.error(row, 'stored row skipped: it does not parse'),
  });
  const repos = overrides.repos ?? createTableRepositories(tables);
  const blobService = createBlobServiceClient(storage);
  const blobs = overrides.blobs ?? createBlobArtifactStore(blobService, config.ARTIFACT_CONTAINER);
  const bus = overrides.bus ?? createMessageBus(config, storage, clock);
  const readinessProbes = new Map<string, ReadinessProbe>([
    ['tables', () => tables.ping()],
    ['blobs', () => blobs.ping()],
    ['queues', () => bus.ping()],
  ]);
  return { tables, repos, blobService, blobs, bus, readinessProbes };
}
