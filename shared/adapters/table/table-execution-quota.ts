import { randomInt } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { Tier } from '../../contracts/common';
import { quotaExceeded } from '../../app/quotas/quota-exceeded';
import { quotaLimits, type QuotaLimits } from '../../app/quotas/quota-limits';
import { AppError } from '../../domain/errors';
import type { ExecutionQuota, ExecutionQuotaRefund, ExecutionUsage } from '../../ports/execution-quota';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

export interface TableExecutionQuotaOptions {
  /** The tenant's tier (the cached tenant lookup). */
  tierOf: (tenantId: string) => Promise<Tier>;
  limits?: QuotaLimits['executionsPerDay'];
  /** The tenant's own limit (its tier with operator overrides); when given, it wins over `limits`. */
  limitOf?: (tenantId: string) => Promise<number | null>;
  tableName?: string;
  /** Optimistic-concurrency rounds before giving up with 503 (only under heavy contention). */
  maxAttempts?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The daily execution quota as one counter row per tenant and UTC day
 * (PartitionKey = tenant, RowKey = `executions|YYYY-MM-DD`). The first execution of the day inserts the
 * row; each next one replaces it guarded by its ETag, so concurrent consumers never both take the last
 * unit: the loser of a race re-reads and tries again.
 *
 * In one process, the consumes of a tenant and day that arrive while a round is in flight wait for it and then
 * go together: one read and one write take as many units as are left for all of them (the first callers get
 * them, the rest QUOTA_EXCEEDED). A burst of a tenant's scheduled fires thus costs two requests, not two each
 * plus a retry for every lost race on the one row. Consumes made in the same turn of the event loop (a batch of
 * fires admitted together) join one round.
 *
 * The row's last ETag and count, as this process wrote or read them, are remembered: the next round writes
 * under that ETag without reading first (one request), and reads only when another writer got there in
 * between (412). The ETag makes that as safe as a fresh read: a stale count can only fail the write.
 */
export function createTableExecutionQuota(
  tables: TableService,
  options: TableExecutionQuotaOptions,
): ExecutionQuota & ExecutionQuotaRefund & ExecutionUsage {
  const limits = options.limits ?? quotaLimits.executionsPerDay;
  const maxAttempts = options.maxAttempts ?? 30;
  const table = () => tables.table(options.tableName ?? 'quotacounters');
  const waiting = new Map<string, Waiter[]>();
  const busy = new Set<string>();
  /** The counter row as last written or read here, per tenant and day. */
  const known = new Map<string, { count: number; etag: string }>();
  const remember = (key: string, row: { count: number; etag: string }) => {
    if (known.size >= 10_000 && !known.has(key)) known.clear();
    known.set(key, row);
  };

  /** Takes up to `wanted` units; returns how many it took and the count it found. */
  async function take(
    client: TableClient,
    tenantId: string,
    day: string,
    limit: number,
    wanted: number,
  ): Promise<{ taken: number; found: number }> {
    const rowKey = `executions|${day}`;
    const key = `${tenantId}\n${day}`;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) await pause(randomInt(1, 5 + 5 * Math.min(attempt, 10)));
      let row = attempt === 0 ? known.get(key) : undefined;
      if (!row) {
        try {
          const entity = await client.getEntity<{ count: number }>(tenantId, rowKey);
          row = { count: entity.count, etag: entity.etag };
        } catch (err) {
          if (storageStatus(err) !== 404) throw err;
        }
      }
      const found = row?.count ?? 0;
      const taken = Math.max(0, Math.min(wanted, limit - found));
      if (taken === 0) return { taken, found };
      try {
        const written = !row
          ? await client.createEntity({ partitionKey: tenantId, rowKey, day, count: taken })
          : await client.updateEntity(
              { partitionKey: tenantId, rowKey, day, count: found + taken },
              'Replace',
              { etag: row.etag },
            );
        if (written.etag) remember(key, { count: found + taken, etag: written.etag });
        return { taken, found };
      } catch (err) {
        const status = storageStatus(err);
        // 412: another writer got there in between; 404: the remembered row is gone — read and go again.
        if (!(row ? status === 412 || status === 404 : status === 409)) throw err;
        known.delete(key);
      }
    }
    throw new AppError('SERVICE_UNAVAILABLE', 'The execution quota is busy; retry shortly', {
      resource: 'executions',
    });
  }

  /** Rounds for one tenant and day until nobody waits. */
  async function drain(key: string, tenantId: string, day: string): Promise<void> {
    busy.add(key);
    try {
      // Let the consumes of this turn (a batch of fires admitted together) join the first round.
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (let group = waiting.get(key); group?.length; group = waiting.get(key)) {
        waiting.delete(key);
        try {
          const tier = await options.tierOf(tenantId);
          const limit = options.limitOf ? await options.limitOf(tenantId) : limits[tier];
          if (limit === null) {
            group.forEach((w) => w.resolve());
            continue;
          }
          const { taken, found } = await take(await table(), tenantId, day, limit, group.length);
          group.forEach((w, i) =>
            i < taken ? w.resolve() : w.reject(quotaExceeded('executions', limit, found + taken, tier)),
          );
        } catch (err) {
          group.forEach((w) => w.reject(err));
        }
      }
    } finally {
      busy.delete(key);
    }
  }

  /** One unit back on the day's row, guarded by its ETag like a take; a missing row has nothing to give. */
  async function refund(tenantId: string, counted: Date): Promise<void> {
    const client = await table();
    const day = counted.toISOString().slice(0, 10);
    const rowKey = `executions|${day}`;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) await pause(randomInt(1, 5 + 5 * Math.min(attempt, 10)));
      let row: { count: number; etag: string };
      try {
        row = await client.getEntity<{ count: number }>(tenantId, rowKey);
      } catch (err) {
        if (storageStatus(err) === 404) return;
        throw err;
      }
      if (row.count <= 0) return;
      try {
        await client.updateEntity({ partitionKey: tenantId, rowKey, day, count: row.count - 1 }, 'Replace', {
          etag: row.etag,
        });
        return;
      } catch (err) {
        if (storageStatus(err) !== 412) throw err;
      }
    }
  }

  return {
    refund,
    async usedToday(tenantId, now) {
      const rowKey = `executions|${now.toISOString().slice(0, 10)}`;
      try {
        return (await (await table()).getEntity<{ count: number }>(tenantId, rowKey)).count;
      } catch (err) {
        if (storageStatus(err) === 404) return 0;
        throw err;
      }
    },
    consume(tenantId, now) {
      const day = now.toISOString().slice(0, 10);
      const key = `${tenantId}\n${day}`;
      return new Promise<void>((resolve, reject) => {
        const group = waiting.get(key) ?? [];
        group.push({ resolve, reject });
        waiting.set(key, group);
        if (!busy.has(key)) void drain(key, tenantId, day);
      });
    },
  };
}
