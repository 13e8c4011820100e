import type { ReportDefinition } from '../../contracts/report';
import type { DataSourceDeps } from '../../app/data-sources/data-source-deps';
import type { SecretResolver } from '../../app/secrets/secret-resolver';
import type { DataSource } from '../../ports/data-source';
import type { AuditLog, DocumentTable } from '../../ports/repositories';
import { createOutboundHttpClient, type OutboundHttpClient } from '../http/outbound-http-client';
import { createOutboundPolicy, type OutboundPolicy } from '../http/outbound-policy';
import type { TableService } from '../table/table-service';
import { createDataSourceConnector } from './connect-data-source';
import { createDataSourceResolver, type ClosableDataSourceResolver } from './data-source-resolver';
import { createTableDataSourceStore } from './table-data-source-store';

export interface DataSourceServicesOptions {
  tables: TableService;
  reports: Pick<DocumentTable<ReportDefinition>, 'list'>;
  audit: AuditLog;
  clock: () => Date;
  /** OUTBOUND_ALLOWLIST: `host:port` pairs reachable over plain http / on internal addresses. */
  outboundAllowlist: readonly string[];
  /** Reads `secret:NAME` references in the definition's tenant. */
  secrets: SecretResolver;
  demo: () => Promise<DataSource>;
}

export interface DataSourceServices {
  /** For the `/v1/data-sources` use cases. */
  api: DataSourceDeps;
  /** For runs (`RunDeps.dataSources`); `close()` on shutdown. */
  resolver: ClosableDataSourceResolver;
  /** The SSRF-guarded client, for other outbound callers (webhooks, Slack) to share. */
  http: OutboundHttpClient;
  policy: OutboundPolicy;
}

/** Wires the data-source store, the SSRF guard, secrets, the connector and the resolver in one place. */
export function createDataSourceServices(options: DataSourceServicesOptions): DataSourceServices {
  const policy = createOutboundPolicy({ allowlist: options.outboundAllowlist });
  const http = createOutboundHttpClient({ policy });
  const store = createTableDataSourceStore(options.tables);
  const connector = createDataSourceConnector({
    policy,
    http,
    secrets: options.secrets,
  });
  const resolver = createDataSourceResolver({
    demo: options.demo,
    connections: {
      find: async (tenantId, id) => (await store.get(tenantId, id))?.doc,
      connect: (definition) => connector.connect(definition),
    },
  });
  return {
    api: {
      dataSources: store,
      reports: options.reports,
      audit: options.audit,
      clock: options.clock,
      targets: connector,
    },
    resolver,
    http,
    policy,
  };
}
