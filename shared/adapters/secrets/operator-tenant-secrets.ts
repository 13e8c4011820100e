import type { OperatorTenantSecrets } from '../../ports/tenant-secret-store';

const PREFIX = 'TENANT_SECRET_';
/** A name as a setting: upper case, `-` as `_`. Names never hold `--`, so the part after the last `__` is the name. */
const settingPart = (name: string) => name.toUpperCase().replace(/-/g, '_');

/**
 * `TENANT_SECRET_<tenantId>__<NAME>` (the tenant id as it is, the name in upper case with `_` for `-`).
 * One setting maps to one (tenant, name) pair: names have no `__` and never start with `_`.
 */
export const operatorSettingName = (tenantId: string, name: string) =>
  `${PREFIX}${tenantId}__${settingPart(name)}`;

export function createOperatorTenantSecrets(
  settings: Readonly<Record<string, string>>,
): OperatorTenantSecrets {
  return {
    get: (tenantId, name) => settings[operatorSettingName(tenantId, name)] || undefined,
    names(tenantId) {
      const prefix = `${PREFIX}${tenantId}__`;
      return Object.keys(settings)
        .filter(
          (key) => key.startsWith(prefix) && /^[A-Z0-9](?:_?[A-Z0-9]){0,62}$/.test(key.slice(prefix.length)),
        )
        .map((key) => key.slice(prefix.length).toLowerCase().replace(/_/g, '-'))
        .sort();
    },
  };
}
