import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';

/** What the host persists per timer function (blob `timers/<hostId>/<function>/status`). */
export interface ScheduleStatus {
  /** The last occurrence that ran; undefined = never. */
  last: Date | undefined;
  next: Date;
  lastUpdated: Date;
}

export interface ScheduleStatusStore {
  read(functionName: string): Promise<ScheduleStatus | undefined>;
  write(functionName: string, status: ScheduleStatus): Promise<void>;
}

/** .NET's DateTime.MinValue, which the host writes as "Last" before the first run. */
export const neverRan = new Date('0001-01-01T00:00:00.000Z');

const blobSchema = z.object({ Last: z.string(), Next: z.string(), LastUpdated: z.string() });

function toDate(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`"${text}" is not a date`);
  return date;
}

/** Encodes a status as the host's JSON (`{"Last","Next","LastUpdated"}`, ISO 8601 UTC). */
export function toStatusJson(status: ScheduleStatus) {
  return {
    Last: (status.last ?? neverRan).toISOString(),
    Next: status.next.toISOString(),
    LastUpdated: status.lastUpdated.toISOString(),
  };
}

export function fromStatusJson(json: unknown): ScheduleStatus {
  const parsed = blobSchema.parse(json);
  const last = toDate(parsed.Last);
  return {
    last: last.getUTCFullYear() <= 1 ? undefined : last,
    next: toDate(parsed.Next),
    lastUpdated: toDate(parsed.LastUpdated),
  };
}

/** Schedule status in Blob storage, where the real host keeps it: container `azure-webjobs-hosts`. */
export function createBlobScheduleStatusStore(deps: {
  connectionString: string;
  hostId: string;
  container?: string;
}): ScheduleStatusStore {
  let ready: Promise<ContainerClient> | undefined;
  const container = () =>
    (ready ??= (async () => {
      const client = BlobServiceClient.fromConnectionString(deps.connectionString).getContainerClient(
        deps.container ?? 'azure-webjobs-hosts',
      );
      await client.createIfNotExists();
      return client;
    })().catch((err: unknown) => {
      ready = undefined;
      throw err;
    }));
  const blob = async (name: string) =>
    (await container()).getBlockBlobClient(`timers/${deps.hostId}/${name}/status`);
  return {
    async read(functionName) {
      const client = await blob(functionName);
      try {
        return fromStatusJson(JSON.parse((await client.downloadToBuffer()).toString('utf8')));
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return undefined;
        throw err;
      }
    },
    async write(functionName, status) {
      const body = JSON.stringify(toStatusJson(status));
      await (
        await blob(functionName)
      ).upload(body, Buffer.byteLength(body), { blobHTTPHeaders: { blobContentType: 'application/json' } });
    },
  };
}
