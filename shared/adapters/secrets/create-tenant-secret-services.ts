import { DefaultAzureCredential } from '@azure/identity';
import { createSecretResolver, type SecretResolver } from '../../app/secrets/secret-resolver';
import type { SecretBox } from '../../app/event-triggers/secret-box';
import { AppError } from '../../domain/errors';
import type { OperatorTenantSecrets, TenantSecretStore } from '../../ports/tenant-secret-store';
import type { TableService } from '../table/table-service';
import { createIndexedTenantSecretStore } from './indexed-tenant-secret-store';
import { createKeyVaultClient } from './key-vault-client';
import { createKeyVaultTenantSecretStore } from './key-vault-tenant-secret-store';
import { createOperatorTenantSecrets } from './operator-tenant-secrets';
import { createTableTenantSecretStore } from './table-tenant-secret-store';

export interface TenantSecretSettings {
  /** KEY_VAULT_URL: tenant secret values in this vault (names indexed in Table storage); without it, sealed rows. */
  keyVaultUrl?: string;
  /** KEY_VAULT_CACHE_SECONDS: how long a value read from the vault is reused. */
  cacheSeconds: number;
  /** `TENANT_SECRET_<tenantId>__<NAME>` settings (shared/config reads them). */
  operatorSettings: Readonly<Record<string, string>>;
}

export interface TenantSecretServices {
  store: TenantSecretStore;
  operator: OperatorTenantSecrets;
  resolver: SecretResolver;
}

/** Without a vault and without a sealing key, a tenant cannot store secrets (only the operator's exist). */
const unconfiguredStore: TenantSecretStore = {
  get: () => Promise.resolve(undefined),
  list: () => Promise.resolve([]),
  delete: () => Promise.resolve(false),
  put: () =>
    Promise.reject(
      new AppError('SERVICE_UNAVAILABLE', 'Tenant secrets are not configured on this server', {
        setting: 'KEY_VAULT_URL',
      }),
    ),
};

/** Chooses the tenant secret store from the settings and wires the resolver over it. */
export function createTenantSecretServices(
  settings: TenantSecretSettings,
  deps: { tables: TableService; secretBox: SecretBox | null; clock: () => Date },
): TenantSecretServices {
  const store = settings.keyVaultUrl
    ? createIndexedTenantSecretStore(
        deps.tables,
        createKeyVaultTenantSecretStore({
          client: createKeyVaultClient({
            vaultUrl: settings.keyVaultUrl,
            credential: new DefaultAzureCredential(),
            clock: deps.clock,
          }),
          clock: deps.clock,
          cacheTtlMs: settings.cacheSeconds * 1000,
        }),
      )
    : deps.secretBox
      ? createTableTenantSecretStore(deps.tables, deps.secretBox, deps.clock)
      : unconfiguredStore;
  const operator = createOperatorTenantSecrets(settings.operatorSettings);
  return { store, operator, resolver: createSecretResolver({ store, operator }) };
}
