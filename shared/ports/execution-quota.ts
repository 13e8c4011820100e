/** The per-tenant daily execution quota. */
export interface ExecutionQuota {
  /** Counts one execution for the tenant today; throws AppError QUOTA_EXCEEDED (limit in details) when none is left. */
  consume(tenantId: string, now: Date): Promise<void>;
}
