import type { AuditEvent } from '../contracts/audit-event';

/** One tenant's events of one UTC day (`yyyy-MM-dd`): the unit that is archived. */
export interface AuditDay {
  tenantId: string;
  day: string;
}

/**
 * Which (tenant, day) pairs still have events in the audit table, across tenants by day, so that archiving
 * reads only the days that are past retention (O(expired)).
 */
export interface AuditDayIndex {
  /** Days strictly before `day`, oldest first. */
  daysBefore(day: string): Promise<AuditDay[]>;
  remove(entry: AuditDay): Promise<void>;
  /** Indexes every (tenant, day) of events written before the index existed; once, then a no-op. */
  backfill(): Promise<{ indexed: number } | null>;
}

/**
 * Audit events past retention, one NDJSON blob per tenant-day under `tenants/{tenantId}/`, in a container
 * with an immutability policy: written once, never changed.
 */
export interface AuditArchive {
  /** Writes the day once; an existing blob of that day is kept (a crash between write and removal). */
  writeDay(entry: AuditDay, events: AsyncIterable<AuditEvent>): Promise<void>;
  /** Archived days of the tenant from `fromDay` to `toDay` inclusive, oldest first. */
  listDays(tenantId: string, fromDay: string, toDay: string): Promise<string[]>;
  readDay(entry: AuditDay): AsyncIterable<AuditEvent>;
}
