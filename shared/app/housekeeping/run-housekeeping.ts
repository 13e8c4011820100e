import type {
  ExpiredRecordRemover,
  ExpiringStore,
  HousekeepingIndex,
  RunHistoryPurger,
} from '../../ports/housekeeping-index';

export interface HousekeepingDeps {
  index: HousekeepingIndex;
  removers: Record<ExpiringStore, ExpiredRecordRemover>;
  clock: () => Date;
}

export type HousekeepingOutcome = Record<ExpiringStore, number> & { kept: number };

/**
 * Hourly: every index entry that is due names a record that may have expired. Its store removes it only if
 * it is still expired (a record renewed since — an idempotency key taken over, a dispatch retried — has a
 * newer entry of its own and is kept), then the entry goes. A crash leaves the entry for the next pass;
 * removing twice is harmless.
 */
export async function runHousekeeping(deps: HousekeepingDeps): Promise<HousekeepingOutcome> {
  const now = deps.clock();
  const outcome: HousekeepingOutcome = {
    idempotency: 0,
    dispatch: 0,
    delivery: 0,
    signature: 0,
    quotaAlert: 0,
    blob: 0,
    kept: 0,
  };
  for (const entry of await deps.index.dueBy(now)) {
    const removed = await deps.removers[entry.store](entry.tenantId, entry.key, now);
    if (removed) outcome[entry.store]++;
    else outcome.kept++;
    await deps.index.remove(entry);
  }
  return outcome;
}

/** Durable history of finished runs older than the retention, purged through the Durable client. */
export async function purgeRunHistory(
  deps: { purger: RunHistoryPurger; clock: () => Date },
  retentionDays: number,
): Promise<number> {
  const before = new Date(deps.clock().getTime() - retentionDays * 86_400_000);
  return deps.purger.purgeFinishedBefore(before);
}
