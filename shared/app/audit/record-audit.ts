import { randomBytes } from 'node:crypto';
import { newId } from '../../domain/ids';
import type { AuditLog } from '../../ports/repositories';

export interface AuditActor {
  tenantId: string;
  userId: string;
}

/**
 * Appends one audit event (every create / update / delete, sensitive reads, execution failures).
 * `diff` holds what changed — never secrets, never report data.
 */
export async function recordAudit(
  deps: { audit: AuditLog; clock: () => Date },
  actor: AuditActor,
  event: { action: string; entityType: string; entityId: string; diff?: Record<string, unknown> | null },
): Promise<void> {
  const now = deps.clock();
  await deps.audit.append({
    id: newId(now, randomBytes),
    tenantId: actor.tenantId,
    actorId: actor.userId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    timestamp: now.toISOString(),
    diff: event.diff ?? null,
  });
}

/** The top-level fields whose values differ, as `{ field: { from, to } }`. */
export function diffOf(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, unknown> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const diff: Record<string, unknown> = {};
  for (const key of keys) {
    const from = before?.[key];
    const to = after?.[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[key] = { from: from ?? null, to: to ?? null };
  }
  return diff;
}
