/**
 * A tenant's execution slots: at most `limit` of its runs execute at once. A slot is a lease held by one
 * run, released when the run ends and lapsing on its own after the lease time (a worker that died).
 */
export interface ExecutionSlots {
  /** Takes a free slot for the run (true), or finds all `limit` taken (false). A run holding one keeps it. */
  acquire(tenantId: string, runId: string, limit: number, now: Date): Promise<boolean>;
  /** Frees the run's slot, if it holds one (repeating it is harmless). */
  release(tenantId: string, runId: string): Promise<void>;
  /** Slots of the tenant held now (leases not yet lapsed). */
  held(tenantId: string, now: Date): Promise<number>;
}
