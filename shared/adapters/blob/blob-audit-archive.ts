import type { BlobServiceClient } from '@azure/storage-blob';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { AuditEvent } from '../../contracts/audit-event';
import type { AuditArchive, AuditDay } from '../../ports/audit-archive';
import { storageStatus } from '../table/storage-errors';
import { lazyContainer } from './blob-service';
import { tenantBlobName } from './tenant-blob-path';

const uploadBufferBytes = 1024 * 1024;
const uploadConcurrency = 2;

/** `tenants/{tenantId}/audit/{yyyy}/{yyyy-MM-dd}.ndjson` */
const blobNameOf = ({ tenantId, day }: AuditDay) =>
  tenantBlobName(tenantId, `audit/${day.slice(0, 4)}/${day}.ndjson`);

/** Lines of NDJSON, pulled from the events as the upload asks for them. */
async function* ndjson(first: AuditEvent, rest: AsyncIterator<AuditEvent>): AsyncGenerator<string> {
  yield `${JSON.stringify(first)}\n`;
  for (let next = await rest.next(); !next.done; next = await rest.next())
    yield `${JSON.stringify(next.value)}\n`;
}

/**
 * The audit archive in Blob storage. The container carries a time-based immutability policy in Azure
 * (bicep/modules/storage.bicep), so a day is written with `If-None-Match: *` exactly once.
 */
export function createBlobAuditArchive(service: BlobServiceClient, containerName: string): AuditArchive {
  const ready = lazyContainer(service, containerName);
  return {
    async writeDay(entry, events) {
      const iterator = events[Symbol.asyncIterator]();
      const first = await iterator.next();
      if (first.done) return;
      const blob = (await ready()).getBlockBlobClient(blobNameOf(entry));
      try {
        await blob.uploadStream(
          Readable.from(ndjson(first.value, iterator)),
          uploadBufferBytes,
          uploadConcurrency,
          {
            blobHTTPHeaders: { blobContentType: 'application/x-ndjson' },
            conditions: { ifNoneMatch: '*' },
          },
        );
      } catch (err) {
        // Written by an earlier pass that stopped before removing the rows: that blob stays as it is.
        if (storageStatus(err) !== 409) throw err;
        await iterator.return?.();
      }
    },
    async listDays(tenantId, fromDay, toDay) {
      // One listing of the tenant's archive: at most one name per archived day.
      const prefix = `${tenantBlobName(tenantId, 'audit')}/`;
      const days: string[] = [];
      for await (const blob of (await ready()).listBlobsFlat({ prefix })) {
        const day = blob.name.slice(prefix.length + 5, prefix.length + 15);
        if (day >= fromDay && day <= toDay) days.push(day);
      }
      return days.sort();
    },
    async *readDay(entry) {
      const download = await (await ready()).getBlobClient(blobNameOf(entry)).download();
      const lines = createInterface({ input: download.readableStreamBody as Readable, crlfDelay: Infinity });
      for await (const line of lines) if (line.trim()) yield AuditEvent.parse(JSON.parse(line));
    },
  };
}
