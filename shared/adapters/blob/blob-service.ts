import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { serviceUrl, type StorageTarget } from '../storage/storage-target';

export function createBlobServiceClient(target: StorageTarget): BlobServiceClient {
  return 'connectionString' in target
    ? BlobServiceClient.fromConnectionString(target.connectionString)
    : new BlobServiceClient(serviceUrl(target.accountName, 'blob'), target.credential);
}

/**
 * The container, created on first use (once per process); a failed creation is retried by the next call
 * instead of being remembered.
 */
export function lazyContainer(
  service: BlobServiceClient,
  containerName: string,
): () => Promise<ContainerClient> {
  let container: Promise<ContainerClient> | undefined;
  return () =>
    (container ??= (async () => {
      const client = service.getContainerClient(containerName);
      await client.createIfNotExists();
      return client;
    })().catch((err: unknown) => {
      container = undefined;
      throw err;
    }));
}
