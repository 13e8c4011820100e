import { randomInt } from 'node:crypto';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { Tier } from '../../contracts/common';
import type { ExecutionRun } from '../../contracts/run';
import { quotaExceeded } from '../../app/quotas/quota-exceeded';
import { quotaLimits, type QuotaLimits } from '../../app/quotas/quota-limits';
import { AppError } from '../../domain/errors';
import type {
  CountedInsert,
  CountedRunInserts,
  ExecutionQuota,
  ExecutionQuotaRefund,
  ExecutionUsage,
} from '../../ports/execution-quota';
import { documentRows } from './document-table';
import { runsTableSpec } from './runs-table-spec';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

export interface TableExecutionQuotaOptions {
  /** The tenant's tier (the cached tenant lookup). */
  tierOf: (tenantId: string) => Promise<Tier>;
  limits?: QuotaLimits['executionsPerDay'];
  /** The tenant's own limit (its tier with operator overrides); when given, it wins over `limits`. */
  limitOf?: (tenantId: string) => Promise<number | null>;
  /** Optimistic-concurrency rounds before giving up with 503 (only under heavy contention). */
  maxAttempts?: number;
}

/** The counter lives in the tenant's partition of the runs table, beside the run rows it counts. */
export const EXECUTION_COUNTER_TABLE = runsTableSpec.tableName;
export const executionCounterRowKey = (day: string) => `quota|executions|${day}`;

/** A count alone (`run` absent: run now, event trigger, retry) or a run row inserted with its count. */
interface Claim {
  run?: ExecutionRun;
  refused?: (error: AppError) => ExecutionRun;
  resolve: (result: CountedInsert) => void;
  reject: (err: unknown) => void;
}

interface Counter {
  count: number;
  etag: string;
}

/** The run rows of a round and the counter: ≤ 100 entities in one entity group transaction. */
const MAX_ACTIONS = 100;
const MAX_BYTES = 2_000_000; // a transaction may carry 4 MiB; stay well inside
/** How long the first claim of an idle tenant-day waits for others to join its round. */
const GATHER_MS = 5;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The daily execution quota as one counter row per tenant and UTC day, in the tenant's partition of the runs
 * table (RowKey `quota|executions|YYYY-MM-DD`). Every write of it is guarded — the first of the day inserts the
 * row, each next one replaces it under its ETag — so two writers never both take the last unit: the loser
 * (412) reads the row and goes again.
 *
 * A scheduled fire is counted by `insertCounted`: its run row and the counter go out in one entity group
 * transaction, so the count happens exactly when the row that records the fire is created — never one without
 * the other, whatever fails when. Over the limit, the fire's row is inserted as refused in the same transaction
 * and the counter is left alone.
 *
 * In one process, the claims of a tenant and day (counted inserts and counts alone) that arrive within 5 ms, or
 * while a round is in flight, go together: one transaction holds all their run rows and one counter write takes
 * as many units as are left (the first claims get them). A run row that exists already (a redelivered fire)
 * fails the transaction with 409: the round is halved until that insert is alone, and it alone is a duplicate
 * that counts nothing — every claim gets exactly the outcome it would have had on its own.
 *
 * The counter's last ETag and count, as this process wrote or read them, are remembered: the next round writes
 * under that ETag without reading first (one request for a tenant's fires of a batch, rows and count), and
 * reads only when another writer got there in between (412). A stale count can only fail the write.
 */
export function createTableExecutionQuota(
  tables: TableService,
  options: TableExecutionQuotaOptions,
): ExecutionQuota & CountedRunInserts & ExecutionQuotaRefund & ExecutionUsage {
  const limits = options.limits ?? quotaLimits.executionsPerDay;
  const maxAttempts = options.maxAttempts ?? 30;
  const table = () => tables.table(EXECUTION_COUNTER_TABLE);
  const waiting = new Map<string, Claim[]>();
  const busy = new Set<string>();
  /** The counter row as last written or read here, per tenant and day. */
  const known = new Map<string, Counter>();
  const remember = (key: string, row: Counter) => {
    if (known.size >= 10_000 && !known.has(key)) known.clear();
    known.set(key, row);
  };

  async function readCounter(
    client: TableClient,
    tenantId: string,
    day: string,
  ): Promise<Counter | undefined> {
    try {
      const entity = await client.getEntity<{ count: number }>(tenantId, executionCounterRowKey(day));
      return { count: entity.count, etag: entity.etag };
    } catch (err) {
      if (storageStatus(err) === 404) return undefined;
      throw err;
    }
  }

  const counterEntity = (tenantId: string, day: string, count: number) => ({
    partitionKey: tenantId,
    rowKey: executionCounterRowKey(day),
    day,
    count,
  });

  /**
   * Settles `claims` (in order: the first get the units left) in one transaction, or — a run row already
   * there — in halves, one after the other, down to the duplicate alone.
   */
  async function settle(
    client: TableClient,
    tenantId: string,
    day: string,
    quota: { limit: number | null; tier: Tier },
    claims: Claim[],
  ): Promise<void> {
    const key = `${tenantId}\n${day}`;
    const { limit } = quota;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) await pause(randomInt(1, 5 + 5 * Math.min(attempt, 10)));
      const row = limit === null ? undefined : (known.get(key) ?? (await readCounter(client, tenantId, day)));
      const found = row?.count ?? 0;
      const taken = limit === null ? claims.length : Math.max(0, Math.min(claims.length, limit - found));
      const used = found + taken;
      const refusal = () => quotaExceeded('executions', limit ?? 0, used, quota.tier);
      const actions: TransactionAction[] = claims.flatMap((c, i) =>
        !c.run
          ? []
          : documentRows(runsTableSpec, tenantId, i < taken ? c.run : c.refused!(refusal())).map(
              (entity): TransactionAction => ['create', entity],
            ),
      );
      const counted = limit !== null && taken > 0;
      const counterAt = actions.length;
      if (counted)
        actions.push(
          row
            ? ['update', counterEntity(tenantId, day, used), 'Replace', { etag: row.etag }]
            : ['create', counterEntity(tenantId, day, used)],
        );
      const outcomes = () =>
        claims.forEach((c, i) => {
          if (i < taken) c.resolve({ outcome: 'inserted', used: limit === null ? null : used });
          else if (c.run) c.resolve({ outcome: 'over-quota', used });
          else c.reject(refusal());
        });
      if (actions.length === 0) return outcomes();
      try {
        const { subResponses } = await client.submitTransaction(actions);
        const etag = subResponses[counterAt]?.etag;
        if (counted && etag) remember(key, { count: used, etag });
        return outcomes();
      } catch (err) {
        const status = storageStatus(err);
        // 412: another writer counted in between; 404: the remembered row is gone — read it and go again.
        if (status === 412 || status === 404) {
          known.delete(key);
          continue;
        }
        if (status !== 409) throw err;
        // 409: the counter's first insert lost a race (it exists now: go again), or a run row exists already.
        if (counted && !row) {
          const now = await readCounter(client, tenantId, day);
          if (now) {
            remember(key, now);
            continue;
          }
        }
        if (claims.length === 1) {
          if (!claims[0]!.run) continue;
          return claims[0]!.resolve({ outcome: 'duplicate', used: limit === null ? null : found });
        }
        const half = Math.ceil(claims.length / 2);
        await settle(client, tenantId, day, quota, claims.slice(0, half));
        return settle(client, tenantId, day, quota, claims.slice(half));
      }
    }
    throw new AppError('SERVICE_UNAVAILABLE', 'The execution quota is busy; retry shortly', {
      resource: 'executions',
    });
  }

  /** The next round's claims from the front of the queue: their run rows and the counter fit one transaction. */
  function takeRound(queue: Claim[]): Claim[] {
    const round: Claim[] = [];
    let actions = 1; // the counter
    let bytes = 0;
    while (queue.length > 0) {
      const run = queue[0]!.run;
      const rows = run ? documentRows(runsTableSpec, 'x', run) : [];
      const size = rows.reduce((sum, r) => sum + JSON.stringify(r).length * 2, 0);
      if (round.length > 0 && (actions + rows.length > MAX_ACTIONS || bytes + size > MAX_BYTES)) break;
      round.push(queue.shift()!);
      actions += rows.length;
      bytes += size;
    }
    return round;
  }

  /** Rounds for one tenant and day until nobody waits. */
  async function drain(key: string, tenantId: string, day: string): Promise<void> {
    busy.add(key);
    try {
      // Let the claims of a batch admitted together (and of other messages now in hand) join the first round.
      await pause(GATHER_MS);
      for (let queue = waiting.get(key); queue?.length; queue = waiting.get(key)) {
        const round = takeRound(queue);
        if (queue.length === 0) waiting.delete(key);
        try {
          const tier = await options.tierOf(tenantId);
          const limit = options.limitOf ? await options.limitOf(tenantId) : limits[tier];
          await settle(await table(), tenantId, day, { limit, tier }, round);
        } catch (err) {
          // A claim already settled (a half that went through) ignores this.
          round.forEach((c) => c.reject(err));
        }
      }
    } finally {
      busy.delete(key);
    }
  }

  function claim(tenantId: string, now: Date, run?: ExecutionRun, refused?: (e: AppError) => ExecutionRun) {
    const day = now.toISOString().slice(0, 10);
    const key = `${tenantId}\n${day}`;
    return new Promise<CountedInsert>((resolve, reject) => {
      const queue = waiting.get(key) ?? [];
      queue.push({ ...(run ? { run } : {}), ...(refused ? { refused } : {}), resolve, reject });
      waiting.set(key, queue);
      if (!busy.has(key)) void drain(key, tenantId, day);
    });
  }

  /** One unit back on the day's row, guarded by its ETag like a take; a missing row has nothing to give. */
  async function refund(tenantId: string, counted: Date): Promise<void> {
    const client = await table();
    const day = counted.toISOString().slice(0, 10);
    const key = `${tenantId}\n${day}`;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) await pause(randomInt(1, 5 + 5 * Math.min(attempt, 10)));
      const row = await readCounter(client, tenantId, day);
      if (!row || row.count <= 0) return;
      try {
        const written = await client.updateEntity(counterEntity(tenantId, day, row.count - 1), 'Replace', {
          etag: row.etag,
        });
        if (written.etag) remember(key, { count: row.count - 1, etag: written.etag });
        return;
      } catch (err) {
        if (storageStatus(err) !== 412) throw err;
      }
    }
  }

  return {
    refund,
    async usedToday(tenantId, now) {
      return (await readCounter(await table(), tenantId, now.toISOString().slice(0, 10)))?.count ?? 0;
    },
    async consume(tenantId, now) {
      await claim(tenantId, now);
    },
    insertCounted: (tenantId, run, now, refused) => claim(tenantId, now, run, refused),
  };
}
