import type { AuditEvent } from '../../contracts/audit-event';
import { rangeKey } from '../../contracts/audit-resources';
import type { AuditLog, Page } from '../../ports/repositories';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { recordAudit } from './record-audit';

export interface AuditQuery {
  startDate?: string;
  endDate?: string;
  entityType?: string;
  cursor: string | null;
  limit: number;
}

/**
 * The compliance export: tenant admins only, oldest first. Reading the trail is itself a
 * sensitive access, so it is recorded too (as `audit.read`, entity type `audit`).
 */
export async function listAuditEvents(
  deps: { audit: AuditLog; clock: () => Date },
  principal: Principal,
  query: AuditQuery,
): Promise<Page<AuditEvent>> {
  authorize(principal, 'admin');
  const page = await deps.audit.list(principal.tenantId, {
    ...(query.startDate ? { from: rangeKey(query.startDate) } : {}),
    ...(query.endDate ? { to: rangeKey(query.endDate) } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    cursor: query.cursor,
    limit: query.limit,
  });
  if (!query.cursor)
    await recordAudit(deps, principal, {
      action: 'audit.read',
      entityType: 'audit',
      entityId: 'audit-events',
      diff: {
        startDate: query.startDate ?? null,
        endDate: query.endDate ?? null,
        entityType: query.entityType ?? null,
      },
    });
  return page;
}
