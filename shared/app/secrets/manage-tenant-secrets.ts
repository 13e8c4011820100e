import { MAX_SECRETS_PER_TENANT, type SecretMetadata } from '../../contracts/tenant-secret';
import { AppError, notFound } from '../../domain/errors';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { recordAudit } from '../audit/record-audit';
import type { TenantSecretDeps } from './tenant-secret-deps';

const ENTITY = 'tenant_secret';

/**
 * `PUT /secrets/{name}` (tenant admins): creates or rotates; the value is write-only and the audit event
 * says only which secret changed and when. A name an operator set in the settings cannot be overridden.
 */
export async function putTenantSecret(
  deps: TenantSecretDeps,
  principal: Principal,
  name: string,
  value: string,
): Promise<{ created: boolean; secret: SecretMetadata }> {
  authorize(principal, 'admin');
  const { tenantId } = principal;
  if (deps.operator.get(tenantId, name) !== undefined)
    throw new AppError('CONFLICT', `The secret "${name}" is set by the operator and cannot be changed here`, {
      secret: name,
    });
  const existing = await deps.store.list(tenantId);
  const created = !existing.some((s) => s.name === name);
  if (created && existing.length >= MAX_SECRETS_PER_TENANT)
    throw new AppError('QUOTA_EXCEEDED', `A tenant may hold at most ${MAX_SECRETS_PER_TENANT} secrets`, {
      limit: MAX_SECRETS_PER_TENANT,
    });
  const { updatedAt } = await deps.store.put(tenantId, name, value);
  await recordAudit(deps, principal, {
    action: `${ENTITY}.${created ? 'created' : 'rotated'}`,
    entityType: ENTITY,
    entityId: name,
    diff: { updatedAt },
  });
  return { created, secret: { name, updatedAt, source: 'api' } };
}

/** `DELETE /secrets/{name}` (tenant admins), audited. */
export async function deleteTenantSecret(deps: TenantSecretDeps, principal: Principal, name: string) {
  authorize(principal, 'admin');
  if (!(await deps.store.delete(principal.tenantId, name))) throw notFound('Secret', name);
  await recordAudit(deps, principal, { action: `${ENTITY}.deleted`, entityType: ENTITY, entityId: name });
}

/** `GET /secrets` (tenant admins): names and update times, the operator's included; never a value. */
export async function listTenantSecrets(
  deps: TenantSecretDeps,
  principal: Principal,
): Promise<SecretMetadata[]> {
  authorize(principal, 'admin');
  const stored = await deps.store.list(principal.tenantId);
  const own = new Set(stored.map((s) => s.name));
  const operator = deps.operator
    .names(principal.tenantId)
    .filter((name) => !own.has(name))
    .map((name): SecretMetadata => ({ name, updatedAt: null, source: 'operator' }));
  return [...stored.map((s): SecretMetadata => ({ ...s, source: 'api' })), ...operator].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

/** `GET /secrets/{name}` (tenant admins): the metadata of one secret. */
export async function describeTenantSecret(
  deps: TenantSecretDeps,
  principal: Principal,
  name: string,
): Promise<SecretMetadata> {
  authorize(principal, 'admin');
  const stored = await deps.store.get(principal.tenantId, name);
  if (stored) return { name, updatedAt: stored.updatedAt, source: 'api' };
  if (deps.operator.get(principal.tenantId, name) !== undefined)
    return { name, updatedAt: null, source: 'operator' };
  throw notFound('Secret', name);
}
