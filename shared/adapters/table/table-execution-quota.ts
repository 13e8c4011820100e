import { randomInt } from 'node:crypto';
import type { Tier } from '../../contracts/common';
import { quotaExceeded } from '../../app/quotas/quota-exceeded';
import { quotaLimits, type QuotaLimits } from '../../app/quotas/quota-limits';
import { AppError } from '../../domain/errors';
import type { ExecutionQuota } from '../../ports/execution-quota';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

export interface TableExecutionQuotaOptions {
  /** The tenant's tier (the cached tenant lookup). */
  tierOf: (tenantId: string) => Promise<Tier>;
  limits?: QuotaLimits['executionsPerDay'];
  tableName?: string;
  /** Optimistic-concurrency rounds before giving up with 503 (only under heavy contention). */
  maxAttempts?: number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The daily execution quota (spec §4) as one counter row per tenant and UTC day
 * (PartitionKey = tenant, RowKey = `executions|YYYY-MM-DD`). The first execution of the day inserts the
 * row; each next one replaces it guarded by its ETag, so concurrent consumers never both take the last
 * unit: the loser of a race re-reads and tries again.
 */
export function createTableExecutionQuota(
  tables: TableService,
  options: TableExecutionQuotaOptions,
): ExecutionQuota {
  const limits = options.limits ?? quotaLimits.executionsPerDay;
  const maxAttempts = options.maxAttempts ?? 30;
  const table = () => tables.table(options.tableName ?? 'quotacounters');
  return {
    async consume(tenantId, now) {
      const tier = await options.tierOf(tenantId);
      const limit = limits[tier];
      if (limit === null) return;
      const day = now.toISOString().slice(0, 10);
      const rowKey = `executions|${day}`;
      const client = await table();
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        if (attempt > 0) await pause(randomInt(1, 5 + 5 * Math.min(attempt, 10)));
        let row: { count: number; etag: string } | undefined;
        try {
          row = await client.getEntity<{ count: number }>(tenantId, rowKey);
        } catch (err) {
          if (storageStatus(err) !== 404) throw err;
        }
        if (!row) {
          if (limit < 1) throw quotaExceeded('executions', limit, 0, tier);
          try {
            await client.createEntity({ partitionKey: tenantId, rowKey, day, count: 1 });
            return;
          } catch (err) {
            if (storageStatus(err) !== 409) throw err;
            continue;
          }
        }
        if (row.count >= limit) throw quotaExceeded('executions', limit, row.count, tier);
        try {
          await client.updateEntity(
            { partitionKey: tenantId, rowKey, day, count: row.count + 1 },
            'Replace',
            { etag: row.etag },
          );
          return;
        } catch (err) {
          if (storageStatus(err) !== 412) throw err;
        }
      }
      throw new AppError('SERVICE_UNAVAILABLE', 'The execution quota is busy; retry shortly', {
        resource: 'executions',
      });
    },
  };
}
