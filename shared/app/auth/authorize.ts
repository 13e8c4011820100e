import { AppError } from '../../domain/errors';
import type { Principal } from './principal';

export type Action = 'read' | 'create' | 'update' | 'delete' | 'admin';

/** The owner of a tenant resource, as far as authorization cares. */
export interface OwnedResource {
  readonly tenantId: string;
  readonly createdBy?: string;
}

/**
 * Role and ownership rules, in one place:
 * - `tenant_admin`: everything in its tenant, including `admin` actions;
 * - `report_creator`: reads all of its tenant, creates, and updates/deletes what it created;
 * - `viewer`: reads only.
 * A resource of another tenant is reported as NOT_FOUND, never FORBIDDEN, so ids do not leak.
 */
export function authorize(principal: Principal, action: Action, resource?: OwnedResource): void {
  if (resource && resource.tenantId !== principal.tenantId) {
    throw new AppError('NOT_FOUND', 'The resource was not found');
  }
  if (isAllowed(principal, action, resource)) return;
  throw new AppError('FORBIDDEN', `Your roles do not allow "${action}" on this resource`, {
    action,
    roles: [...principal.roles],
  });
}

/** The same rules as a question; cross-tenant resources are never allowed. */
export function isAllowed(principal: Principal, action: Action, resource?: OwnedResource): boolean {
  if (resource && resource.tenantId !== principal.tenantId) return false;
  const roles = principal.roles;
  if (roles.includes('tenant_admin')) return true;
  if (action === 'read') return roles.includes('report_creator') || roles.includes('viewer');
  if (!roles.includes('report_creator')) return false;
  if (action === 'create') return true;
  if (action === 'update' || action === 'delete') {
    return resource?.createdBy !== undefined && resource.createdBy === principal.userId;
  }
  return false;
}
