/** The prefix of the settings through which an operator gives a tenant a secret (read-only to the tenant). */
export const TENANT_SECRET_PREFIX = 'TENANT_SECRET_';

/**
 * The settings named `TENANT_SECRET_<tenantId>__<NAME>`, and nothing else: no other setting of the service
 * can ever be reached through a tenant's secret reference. Read here, like all configuration.
 */
export function readOperatorTenantSecrets(): Readonly<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (key.startsWith(TENANT_SECRET_PREFIX) && value) found[key] = value;
  return Object.freeze(found);
}
