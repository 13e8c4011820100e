import type { Artifact } from '../contracts/artifact';
import type { AuditEvent } from '../contracts/audit-event';
import type { DeliveryTarget } from '../contracts/delivery-target';
import type { EventTrigger } from '../contracts/event-trigger';
import type { HolidayCalendar } from '../contracts/holiday-calendar';
import type { ReportDefinition } from '../contracts/report';
import type { ExecutionRun } from '../contracts/run';
import type { Schedule } from '../contracts/schedule';
import type { Tenant } from '../contracts/tenant';
import type { ReportVersion } from '../contracts/report-version';
import type { DocumentTable, Page } from './document-store';

export type { DocumentTable, Page, Versioned } from './document-store';

/** Tenant-owned records. Every method takes the tenant id first; nothing reads across tenants. */
export interface Repositories {
  tenants: DocumentTable<Tenant>;
  reports: DocumentTable<ReportDefinition>;
  /** Immutable versions of each report's query and template; ids `{reportId}|{999999 - n}`, newest first. */
  reportVersions: DocumentTable<ReportVersion>;
  schedules: DocumentTable<Schedule>;
  runs: DocumentTable<ExecutionRun>;
  artifacts: DocumentTable<Artifact>;
  holidayCalendars: DocumentTable<HolidayCalendar>;
  /** Indexes: `byType` (type). */
  deliveryTargets: DocumentTable<DeliveryTarget>;
  /** Indexes: `byReport` (reportId). */
  eventTriggers: DocumentTable<EventTrigger>;
  audit: AuditLog;
}

export interface AuditLog {
  /** Append-only: there is no update or delete. */
  append(event: AuditEvent): Promise<void>;
  list(
    tenantId: string,
    options: {
      from?: string;
      to?: string;
      /** Only events of this entity type (events written before the filter existed never match). */
      entityType?: string;
      cursor?: string | null;
      limit: number;
    },
  ): Promise<Page<AuditEvent>>;
  /** Every event from `from` to `to` (row-key prefixes, as in `list`), oldest first, read page by page. */
  read(tenantId: string, range: { from: string; to: string }): AsyncIterable<AuditEvent>;
  /** Removes the tenant's events of one UTC day (`yyyy-MM-dd`) — once they are archived; returns how many. */
  removeDay(tenantId: string, day: string): Promise<number>;
}
