import { createDataSourceServices } from '../adapters/datasources/create-data-source-services';
import { createDuckDbDemoSource } from '../adapters/datasources/duckdb-demo-source';
import { createTenantSecretServices } from '../adapters/secrets/create-tenant-secret-services';
import type { TableService } from '../adapters/table/table-service';
import type { SecretBox } from '../app/event-triggers/secret-box';
import type { SecretResolver } from '../app/secrets/secret-resolver';
import type { AppConfig } from '../config/app-config';
import { readOperatorTenantSecrets } from '../config/secret-environment';
import type { Repositories } from '../ports/repositories';

/** Tenant secrets: Key Vault when KEY_VAULT_URL is set, else sealed Table rows; the operator's own beside them. */
export function createTenantSecrets(
  config: AppConfig,
  parts: { tables: TableService; secretBox: SecretBox | null; clock: () => Date },
) {
  return createTenantSecretServices(
    {
      ...(config.KEY_VAULT_URL ? { keyVaultUrl: config.KEY_VAULT_URL } : {}),
      cacheSeconds: config.KEY_VAULT_CACHE_SECONDS,
      operatorSettings: readOperatorTenantSecrets(),
    },
    parts,
  );
}

/** Tenant data sources behind the SSRF guard, their `secret:NAME` references read through the resolver. */
export function createDataSources(
  config: AppConfig,
  parts: { tables: TableService; repos: Repositories; clock: () => Date; secrets: SecretResolver },
) {
  return createDataSourceServices({
    tables: parts.tables,
    reports: parts.repos.reports,
    audit: parts.repos.audit,
    clock: parts.clock,
    outboundAllowlist: config.OUTBOUND_ALLOWLIST,
    secrets: parts.secrets,
    demo: () => createDuckDbDemoSource({ rows: config.DEMO_SALES_ROWS }),
  });
}
