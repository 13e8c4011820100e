import { createHash } from 'node:crypto';

/**
 * The vault-wide prefix of one tenant's secrets: `t-` and 16 hex digits of SHA-256 of the tenant id. The
 * tenant never writes it — the adapter prepends it to a validated name of [a-z0-9-] — so no name a tenant
 * can give reaches another prefix or the service's own secrets (which have none).
 */
export function tenantVaultPrefix(tenantId: string): string {
  return `t-${createHash('sha256').update(tenantId, 'utf8').digest('hex').slice(0, 16)}-`;
}

export const vaultSecretName = (tenantId: string, name: string) => `${tenantVaultPrefix(tenantId)}${name}`;
