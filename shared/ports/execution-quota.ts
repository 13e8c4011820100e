/** The per-tenant daily execution quota. */
export interface ExecutionQuota {
  /** Counts one execution for the tenant today; throws AppError QUOTA_EXCEEDED (limit in details) when none is left. */
  consume(tenantId: string, now: Date): Promise<void>;
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
