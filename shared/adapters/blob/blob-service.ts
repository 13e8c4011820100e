import { BlobServiceClient } from '@azure/storage-blob';
import { serviceUrl, type StorageTarget } from '../storage/storage-target';

export function createBlobServiceClient(target: StorageTarget): BlobServiceClient {
  return 'connectionString' in target
    ? BlobServiceClient.fromConnectionString(target.connectionString)
    : new BlobServiceClient(serviceUrl(target.accountName, 'blob'), target.credential);
}
