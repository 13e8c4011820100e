/** The per-tenant daily execution quota. */
export interface ExecutionQuota {
  /** Counts one execution for the tenant today; throws AppError QUOTA_EXCEEDED (limit in details) when none is left. */
  consume(tenantId: string, now: Date): Promise<void>;
}

/** What the daily execution quota has counted (the usage endpoint). */
export interface ExecutionUsage {
  /** Executions counted for the tenant on `now`'s UTC day. */
  usedToday(tenantId: string, now: Date): Promise<number>;
}
