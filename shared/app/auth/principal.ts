import { AppError } from '../../domain/errors';
import { roleSchema, type Role } from '../../contracts/common';

/** Who is calling: taken from verified token claims only, never from a body or a query. */
export interface Principal {
  readonly tenantId: string;
  readonly userId: string;
  readonly roles: readonly Role[];
  /** The token carries the `platform_admin` role: the service's operator, not a role of the tenant. */
  readonly platformAdmin?: true;
}

/** The operator's role (an app role in Azure); kept apart from the tenant roles on purpose. */
export const PLATFORM_ADMIN_ROLE = 'platform_admin';

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * Builds the principal from verified claims: tenant from `tid` or `tenantId`, user from `sub` (or `oid`),
 * roles from the `roles` array (unknown roles are ignored). A `tier` claim is ignored: the tenant's record
 * (its tier, set by the platform operator) decides limits, never what an issuer writes into a token.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const tenantId = nonEmpty(claims.tid) ?? nonEmpty(claims.tenantId);
  if (!tenantId)
    throw new AppError('UNAUTHENTICATED', 'The token names no tenant', { reason: 'missing_tenant' });
  const userId = nonEmpty(claims.sub) ?? nonEmpty(claims.oid);
  if (!userId)
    throw new AppError('UNAUTHENTICATED', 'The token names no user', { reason: 'missing_subject' });
  const rawRoles: unknown[] = Array.isArray(claims.roles) ? (claims.roles as unknown[]) : [];
  const roles = [...new Set(rawRoles.flatMap((r) => (roleSchema.safeParse(r).success ? [r as Role] : [])))];
  return Object.freeze({
    tenantId,
    userId,
    roles: Object.freeze(roles),
    ...(rawRoles.includes(PLATFORM_ADMIN_ROLE) ? { platformAdmin: true as const } : {}),
  });
}
