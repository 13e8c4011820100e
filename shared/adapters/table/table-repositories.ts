import { odata } from '@azure/data-tables';
import { Artifact } from '../../contracts/artifact';
import { AuditEvent } from '../../contracts/audit-event';
import { DeliveryTarget } from '../../contracts/delivery-target';
import { EventTrigger } from '../../contracts/event-trigger';
import { HolidayCalendar } from '../../contracts/holiday-calendar';
import { ReportDefinition } from '../../contracts/report';
import { ExecutionRun } from '../../contracts/run';
import { Schedule } from '../../contracts/schedule';
import { Tenant } from '../../contracts/tenant';
import { newestFirstKey } from '../../domain/ids';
import { artifactIndexKeys } from '../../app/artifacts/artifact-indexes';
import type { AuditLog, Repositories } from '../../ports/repositories';
import { encodeDoc, decodeDoc } from './doc-codec';
import { createDocumentTable } from './document-table';
import { readTablePage } from './read-table-page';
import type { TableService } from './table-service';

const newest = (iso: string) => newestFirstKey(new Date(iso));

export function createTableRepositories(tables: TableService): Repositories {
  return {
    tenants: createDocumentTable(tables, {
      tableName: 'tenants',
      entityName: 'Tenant',
      schema: Tenant,
      id: (t) => t.id,
    }),
    reports: createDocumentTable(tables, {
      tableName: 'reports',
      entityName: 'Report',
      schema: ReportDefinition,
      id: (r) => r.id,
      indexes: {
        byName: (r) =>
          r.name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .slice(0, 100),
      },
    }),
    schedules: createDocumentTable(tables, {
      tableName: 'schedules',
      entityName: 'Schedule',
      schema: Schedule,
      id: (s) => s.id,
      indexes: { byReport: (s) => s.reportId },
    }),
    runs: createDocumentTable(tables, {
      tableName: 'runs',
      entityName: 'Run',
      schema: ExecutionRun,
      id: (r) => r.id,
      // A batch of fires inserts a tenant's run rows together: one transaction for all of them.
      batchInserts: true,
      indexes: {
        newest: (r) => newest(r.createdAt),
        byReport: (r) => `${r.reportId}|${newest(r.createdAt)}`,
        byStatus: (r) => `${r.status}|${newest(r.createdAt)}`,
      },
    }),
    artifacts: createDocumentTable(tables, {
      tableName: 'artifacts',
      entityName: 'Artifact',
      schema: Artifact,
      id: (a) => a.id,
      indexes: artifactIndexKeys,
    }),
    holidayCalendars: createDocumentTable(tables, {
      tableName: 'holidaycalendars',
      entityName: 'Holiday calendar',
      schema: HolidayCalendar,
      id: (c) => c.id,
    }),
    deliveryTargets: createDocumentTable(tables, {
      tableName: 'deliverytargets',
      entityName: 'Delivery target',
      schema: DeliveryTarget,
      id: (t) => t.id,
      indexes: { byType: (t) => t.type },
    }),
    eventTriggers: createDocumentTable(tables, {
      tableName: 'eventtriggers',
      entityName: 'Event trigger',
      schema: EventTrigger,
      id: (t) => t.id,
      indexes: { byReport: (t) => t.reportId },
    }),
    audit: createTableAuditLog(tables),
  };
}

/**
 * Audit events keyed by time (ascending) so a date range is one range query; insert-only. `entityType` is
 * also kept as its own property so the store can filter on it.
 */
function createTableAuditLog(tables: TableService): AuditLog {
  return {
    async append(event) {
      const client = await tables.table('auditevents');
      await client.createEntity({
        partitionKey: event.tenantId,
        rowKey: `${event.timestamp}|${event.id}`,
        entityType: event.entityType,
        ...encodeDoc(event),
      });
    },
    async list(tenantId, { from, to, entityType, cursor, limit }) {
      const client = await tables.table('auditevents');
      const range = odata`PartitionKey eq ${tenantId} and RowKey ge ${from ?? ''} and RowKey lt ${(to ?? '9999') + '\uffff'}`;
      const filter = entityType === undefined ? range : `${range} and ${odata`entityType eq ${entityType}`}`;
      // A filtered page can come back short (the service stops at its scan limit): read on, asking only
      // for what is missing, so the continuation token stays exact. Bounded, then the caller pages on.
      const items: AuditEvent[] = [];
      let token = cursor ?? undefined;
      for (let round = 0; round < 10 && items.length < limit; round++) {
        const page = await readTablePage(client, filter, { limit: limit - items.length, token });
        items.push(...page.entities.map((e) => AuditEvent.parse(decodeDoc(e))));
        token = page.continuationToken ?? undefined;
        if (!token) break;
      }
      return { items, nextCursor: token ?? null };
    },
  };
}
