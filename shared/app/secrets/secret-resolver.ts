import { secretNameOf } from '../../contracts/tenant-secret';
import { AppError } from '../../domain/errors';
import type { OperatorTenantSecrets, TenantSecretStore } from '../../ports/tenant-secret-store';

/** Reads the secret a reference names, in the tenant's own namespace only; the value is never stored or logged. */
export interface SecretResolver {
  resolve(tenantId: string, ref: string): Promise<string>;
}

export interface SecretResolverDeps {
  store: Pick<TenantSecretStore, 'get'>;
  /** Read-only secrets an operator set for tenants (`TENANT_SECRET_<tenantId>__<NAME>`). */
  operator: OperatorTenantSecrets;
}

/**
 * `secret:NAME` (or `keyvault:NAME`) → the tenant's secret NAME: the store's value, else the operator's.
 * Any other form — a definition saved before references were confined (`env:…`) — is never resolved. The
 * messages are the tenant's: they name the secret in its namespace and say nothing of the service's settings.
 */
export function createSecretResolver(deps: SecretResolverDeps): SecretResolver {
  return {
    async resolve(tenantId, ref) {
      const name = secretNameOf(ref);
      if (name === undefined)
        throw new AppError(
          'SECRET_NOT_FOUND',
          'A secret reference of this definition is in a form that is no longer accepted',
          {
            suggestedFix:
              'Create the secret with PUT /api/v1/secrets/{name} and reference it as secret:{name}.',
          },
        );
      const value = (await deps.store.get(tenantId, name))?.value ?? deps.operator.get(tenantId, name);
      if (value !== undefined) return value;
      throw new AppError('SECRET_NOT_FOUND', `The secret "${name}" is not set for this tenant`, {
        secret: name,
        suggestedFix: `Create it with PUT /api/v1/secrets/${name} (tenant admins).`,
      });
    },
  };
}
