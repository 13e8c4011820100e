import { AppError } from '../../domain/errors';
import type { TenantSecret, TenantSecretStore } from '../../ports/tenant-secret-store';
import type { KeyVaultClient, VaultResponse } from './key-vault-client';
import { tenantVaultPrefix, vaultSecretName } from './key-vault-names';

export interface KeyVaultStoreOptions {
  client: KeyVaultClient;
  clock: () => Date;
  /** How long a value read is reused (a rotation elsewhere shows after at most this long). */
  cacheTtlMs: number;
  /** Waits between tries while a recovered secret becomes writable again. */
  sleep?: (ms: number) => Promise<void>;
}

interface SecretBundle {
  value?: unknown;
  id?: unknown;
  attributes?: { updated?: unknown };
}

const updatedOf = (bundle: SecretBundle, fallback: Date) =>
  typeof bundle.attributes?.updated === 'number'
    ? new Date(bundle.attributes.updated * 1000).toISOString()
    : fallback.toISOString();

const unexpected = (res: VaultResponse, what: string) =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    'The secret store is not reachable right now; try again later',
    {},
    {
      cause: new Error(`Key Vault answered ${res.status} to ${what}`),
    },
  );

/**
 * Tenant secrets in Azure Key Vault: each tenant's names under its own prefix (`t-<hash>-name`), values
 * read through a TTL cache. A deleted secret stays soft-deleted in the vault; setting the name again
 * recovers it and writes a new version.
 */
export function createKeyVaultTenantSecretStore(options: KeyVaultStoreOptions): TenantSecretStore {
  const { client, clock } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const cache = new Map<string, { secret: TenantSecret; until: number }>();

  async function putVersion(vaultName: string, value: string): Promise<VaultResponse> {
    let res = await client.send('PUT', client.path(vaultName), { value });
    if (res.status !== 409) return res;
    // Deleted but recoverable: recover it, then write once the recovery has finished.
    await client.send('POST', `/deletedsecrets/${encodeURIComponent(vaultName)}/recover`);
    for (let attempt = 0; attempt < 10 && res.status === 409; attempt++) {
      await sleep(500 * (attempt + 1));
      res = await client.send('PUT', client.path(vaultName), { value });
    }
    return res;
  }

  return {
    async get(tenantId, name) {
      const vaultName = vaultSecretName(tenantId, name);
      const now = clock().getTime();
      const hit = cache.get(vaultName);
      if (hit && now < hit.until) return hit.secret;
      const res = await client.send('GET', client.path(vaultName));
      if (res.status === 404) {
        cache.delete(vaultName);
        return undefined;
      }
      const bundle = res.body as SecretBundle;
      if (res.status !== 200 || typeof bundle.value !== 'string') throw unexpected(res, 'get');
      const secret = { value: bundle.value, updatedAt: updatedOf(bundle, clock()) };
      cache.set(vaultName, { secret, until: now + options.cacheTtlMs });
      return secret;
    },
    async put(tenantId, name, value) {
      const vaultName = vaultSecretName(tenantId, name);
      cache.delete(vaultName);
      const res = await putVersion(vaultName, value);
      if (res.status !== 200) throw unexpected(res, 'set');
      return { updatedAt: updatedOf(res.body, clock()) };
    },
    async delete(tenantId, name) {
      const vaultName = vaultSecretName(tenantId, name);
      cache.delete(vaultName);
      const res = await client.send('DELETE', client.path(vaultName));
      if (res.status === 404) return false;
      if (res.status !== 200) throw unexpected(res, 'delete');
      return true;
    },
    async list(tenantId) {
      const prefix = tenantVaultPrefix(tenantId);
      const found: { name: string; updatedAt: string }[] = [];
      let next: string | undefined = '/secrets?maxresults=25';
      while (next) {
        const res = await client.send('GET', next);
        if (res.status !== 200) throw unexpected(res, 'list');
        for (const item of (res.body.value as SecretBundle[] | undefined) ?? []) {
          const vaultName = typeof item.id === 'string' ? item.id.split('/').pop() : undefined;
          if (vaultName?.startsWith(prefix))
            found.push({ name: vaultName.slice(prefix.length), updatedAt: updatedOf(item, clock()) });
        }
        next = typeof res.body.nextLink === 'string' ? res.body.nextLink : undefined;
      }
      return found.sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
