import { Artifact } from '../../contracts/artifact';
import { DeliveryTarget } from '../../contracts/delivery-target';
import { EventTrigger } from '../../contracts/event-trigger';
import { HolidayCalendar } from '../../contracts/holiday-calendar';
import { ReportDefinition } from '../../contracts/report';
import { ReportVersion } from '../../contracts/report-version';
import { reportVersionKey } from '../../app/reports/report-version-key';
import { Schedule } from '../../contracts/schedule';
import { Tenant } from '../../contracts/tenant';
import { artifactIndexKeys } from '../../app/artifacts/artifact-indexes';
import type { Repositories } from '../../ports/repositories';
import { createTableAuditLog } from './table-audit-log';
import { createDocumentTable } from './document-table';
import { runsTableSpec } from './runs-table-spec';
import type { TableService } from './table-service';

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
    reportVersions: createDocumentTable(tables, {
      tableName: 'reportversions',
      entityName: 'Report version',
      schema: ReportVersion,
      id: (v) => reportVersionKey(v.reportId, v.number),
    }),
    schedules: createDocumentTable(tables, {
      tableName: 'schedules',
      entityName: 'Schedule',
      schema: Schedule,
      id: (s) => s.id,
      indexes: { byReport: (s) => s.reportId },
    }),
    runs: createDocumentTable(tables, runsTableSpec),
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
