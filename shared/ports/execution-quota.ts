import type { ExecutionRun } from '../contracts/run';
import type { AppError } from '../domain/errors';

/** The per-tenant daily execution quota. */
export interface ExecutionQuota {
  /** Counts one execution for the tenant today; throws AppError QUOTA_EXCEEDED (limit in details) when none is left. */
  consume(tenantId: string, now: Date): Promise<void>;
}

/** What a counted insert did: `inserted` (and counted), `over-quota` (inserted as refused, not counted), `duplicate`. */
export interface CountedInsert {
  outcome: 'inserted' | 'over-quota' | 'duplicate';
  /** The tenant's count for the day after this insert (null: no limit, nothing counted). */
  used: number | null;
}

/**
 * A scheduled fire's run row and its count on the tenant's day, written together: both or neither. So the row
 * that records a fire is also the proof it was counted, and a redelivered fire (its row exists) counts nothing.
 */
export interface CountedRunInserts {
  /**
   * Inserts `run` and counts one execution on `now`'s UTC day in one write. With nothing left, inserts
   * `refused(error)` instead (the run as the quota refused it) and counts nothing. A run row already there:
   * `duplicate`, nothing written.
   */
  insertCounted(
    tenantId: string,
    run: ExecutionRun,
    now: Date,
    refused: (error: AppError) => ExecutionRun,
  ): Promise<CountedInsert>;
}

/** Gives back an execution: a run whose schedule's condition skipped it does not count against the day. */
export interface ExecutionQuotaRefund {
  /** One execution fewer on the UTC day of `counted` (when it was consumed); never below zero. */
  refund(tenantId: string, counted: Date): Promise<void>;
}

/** What the daily execution quota has counted (the usage endpoint). */
export interface ExecutionUsage {
  /** Executions counted for the tenant on `now`'s UTC day. */
  usedToday(tenantId: string, now: Date): Promise<number>;
}
