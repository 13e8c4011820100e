import type { DataSourceDefinition, DataSourceSettings } from '../../contracts/data-source';
import type { ReportDefinition } from '../../contracts/report';
import type { AuditLog, DocumentTable } from '../../ports/repositories';
import type { AuditedKind } from '../audit/audited-documents';

/** What the data-source use cases need from the network side (the connector in shared/adapters/datasources). */
export interface DataSourceTargets {
  /** Throws OUTBOUND_BLOCKED (400) for a host or URL the SSRF guard never allows, before anything is saved. */
  check(settings: DataSourceSettings): void;
  /** Opens a fresh connection as the definition describes (secrets read now). */
  connect(
    definition: DataSourceDefinition,
  ): Promise<{ probe(timeoutMs: number): Promise<void>; close(): Promise<void> }>;
}

export interface DataSourceDeps {
  dataSources: DocumentTable<DataSourceDefinition>;
  /** Read on delete: a data source used by a report is not deleted. */
  reports: Pick<DocumentTable<ReportDefinition>, 'list'>;
  audit: AuditLog;
  clock: () => Date;
  targets: DataSourceTargets;
  /** The `test` endpoint's limit on connecting and answering `select 1` (default 10 s). */
  testTimeoutMs?: number;
}

/** Definitions hold secret references only, so the whole config may appear in an audit diff. */
export const dataSourceKind = (deps: DataSourceDeps): AuditedKind<DataSourceDefinition> => ({
  entityType: 'data_source',
  entityName: 'Data source',
  table: deps.dataSources,
});

export const auditedDeps = (deps: DataSourceDeps) => ({ audit: deps.audit, clock: deps.clock });
