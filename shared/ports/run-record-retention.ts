import type { ExecutionRun } from '../contracts/run';
import type { Page } from './document-store';

/**
 * What the daily run retention pass reads and removes in one tenant's partition of the runs table: run
 * records past the tenant's retention and daily execution counters of past days. Nothing here is written on
 * the fire path: the pass finds its work through the `newest` index every run row already has.
 */
export interface RunRecordRetention {
  /**
   * One page of the tenants that have reports (the partitions of the reports table; a tenant may come again on
   * a later page). Every run belongs to a report, and a tenant has a record in the directory only once it or the
   * operator changed a setting: this finds the tenants the directory does not know.
   */
  tenantsWithReports(cursor: string | null): Promise<Page<string>>;
  /** One page of the tenant's runs created before `before`, newest first (a range of the `newest` index). */
  createdBefore(tenantId: string, before: Date, cursor: string | null): Promise<Page<ExecutionRun>>;
  /** The UTC days (`YYYY-MM-DD`) before `day` that still have a daily execution counter row. */
  counterDaysBefore(tenantId: string, day: string): Promise<string[]>;
  /**
   * Removes each run with all its index rows in one entity group transaction (several whole runs may share
   * one, a run is never split), and the counters of `counterDays`. A run already gone counts as removed; a run
   * whose rows changed since it was read is left for the next pass. Returns how many of `runs` are gone.
   */
  remove(tenantId: string, runs: readonly ExecutionRun[], counterDays: readonly string[]): Promise<number>;
}
