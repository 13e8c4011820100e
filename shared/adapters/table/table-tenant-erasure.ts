import { odata } from '@azure/data-tables';
import { createHash } from 'node:crypto';
import type { EraseRequests, ErasedTenants, PlatformAuditLog } from '../../ports/tenant-eraser';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

/** `tenanterasures`: PartitionKey tenant, one row; erased with the tenant. */
export function createTableEraseRequests(tables: TableService): EraseRequests {
  const table = () => tables.table('tenanterasures');
  return {
    async put(tenantId, request) {
      await (
        await table()
      ).upsertEntity({ partitionKey: tenantId, rowKey: 'request', ...request }, 'Replace');
    },
    async get(tenantId) {
      try {
        const row = await (
          await table()
        ).getEntity<{ tokenSha256: string; expiresAt: string }>(tenantId, 'request');
        return { tokenSha256: row.tokenSha256, expiresAt: row.expiresAt };
      } catch (err) {
        if (storageStatus(err) === 404) return undefined;
        throw err;
      }
    },
  };
}

/** `platformaudit`: PartitionKey `{action}-{yyyyMM}`, RowKey `{timestamp}|{id}`. */
export function createTablePlatformAuditLog(tables: TableService): PlatformAuditLog {
  return {
    async append(record) {
      await (
        await tables.table('platformaudit')
      ).createEntity({
        partitionKey: `${record.action}-${record.timestamp.slice(0, 7).replace('-', '')}`,
        rowKey: `${record.timestamp}|${record.id}`,
        action: record.action,
        timestamp: record.timestamp,
        tenantRef: record.tenantRef,
        actorRole: record.actorRole,
        counts: JSON.stringify(record.counts),
      });
    },
  };
}

/** How long a queued message can live: Service Bus's default time to live (Storage queues keep 7 days). */
export const ERASED_MARKER_DAYS = 14;

/** How old the consumers' snapshot of erased tenants may be. */
export const ERASED_SNAPSHOT_MS = 2_000;

/**
 * `erasedtenants`: PartitionKey the SHA-256 of the tenant id (no personal data), one row; platform-level.
 * Every consumed message asks about its tenants, so the answer comes from a snapshot of the live markers
 * (a handful: erases are rare) read at most every `snapshotMs` by one query, not a read per message — a
 * batch of 50 fires of 50 tenants would otherwise cost 50 reads. The erase waits `staleForMs` after marking
 * before it deletes anything, so no consumer still holding an older snapshot can write after the delete.
 */
export function createTableErasedTenants(
  tables: TableService,
  clock: () => Date,
  snapshotMs = ERASED_SNAPSHOT_MS,
): ErasedTenants {
  const table = () => tables.table('erasedtenants');
  const key = (tenantId: string) => createHash('sha256').update(tenantId).digest('hex');
  let snapshot: { readAt: number; live: Map<string, string> } | undefined;
  let reading: Promise<Map<string, string>> | undefined;
  const readLive = async () => {
    const live = new Map<string, string>();
    const rows = (await table()).listEntities<{ until: string }>({
      queryOptions: { filter: odata`until gt ${clock().toISOString()}`, select: ['PartitionKey', 'until'] },
    });
    for await (const row of rows) live.set(String(row.partitionKey), row.until);
    snapshot = { readAt: Date.now(), live };
    return live;
  };
  const liveMarkers = () => {
    if (snapshot && Date.now() - snapshot.readAt < snapshotMs) return Promise.resolve(snapshot.live);
    reading ??= readLive().finally(() => (reading = undefined));
    return reading;
  };
  return {
    staleForMs: snapshotMs,
    async mark(tenantId) {
      const now = clock();
      await (
        await table()
      ).upsertEntity(
        {
          partitionKey: key(tenantId),
          rowKey: 'marker',
          erasedAt: now.toISOString(),
          until: new Date(now.getTime() + ERASED_MARKER_DAYS * 86_400_000).toISOString(),
        },
        'Replace',
      );
      snapshot = undefined;
    },
    async isErased(tenantId) {
      const until = (await liveMarkers()).get(key(tenantId));
      return until !== undefined && until > clock().toISOString();
    },
  };
}
