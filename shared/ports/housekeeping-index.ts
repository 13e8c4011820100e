/** The stores whose records expire, each removed by the hourly housekeeping pass. */
export type ExpiringStore = 'idempotency' | 'dispatch' | 'delivery' | 'signature' | 'quotaAlert' | 'blob';

/** One record of one store, due for removal at `expiresAt` (if it has not been renewed meanwhile). */
export interface ExpiryEntry {
  store: ExpiringStore;
  tenantId: string;
  /** The record's key in its store (`{subscriptionId}|{eventId}`, `{triggerId}|{signature}`, an id). */
  key: string;
  expiresAt: string;
}

/**
 * Expiring records across stores and tenants by expiry hour (the scheduler's due-index technique), so the
 * housekeeping pass reads only what has expired.
 */
export interface HousekeepingIndex {
  add(entry: ExpiryEntry): Promise<void>;
  /** Entries whose expiry hour has begun by `until`, oldest hour first. */
  dueBy(until: Date): Promise<ExpiryEntry[]>;
  remove(entry: ExpiryEntry): Promise<void>;
}

/** Removes one record if it is still expired at `now`; false when it was renewed (or is already gone). */
export type ExpiredRecordRemover = (tenantId: string, key: string, now: Date) => Promise<boolean>;

/** Durable Functions instance history (the task hub), purged through the Durable client. */
export interface RunHistoryPurger {
  /** Purges finished (completed, failed, terminated) instances created before `before`; how many. */
  purgeFinishedBefore(before: Date): Promise<number>;
  /**
   * Terminates (if still going) and purges these instances, whatever their age: an erased tenant's. Unknown
   * ids are skipped; how many were purged. Throws while a terminated instance is not yet purgeable.
   */
  purgeInstances(instanceIds: string[]): Promise<number>;
}
