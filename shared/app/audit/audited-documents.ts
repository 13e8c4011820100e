import { notFound } from '../../domain/errors';
import type { AuditLog, DocumentTable, Versioned } from '../../ports/repositories';
import { authorize, type OwnedResource } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { boundedDiff } from './bounded-diff';
import { recordAudit } from './record-audit';

/** A kind of tenant-owned document whose every mutation is authorized and audited. */
export interface AuditedKind<T extends OwnedResource & { id: string }> {
  /** `report` → audit actions `report.created`, `report.updated`, `report.deleted`. */
  entityType: string;
  /** For messages: `Report 0190… was not found`. */
  entityName: string;
  table: DocumentTable<T>;
  /** What a diff may show; it must leave out secrets. Default: the document without ids and timestamps. */
  auditView?: (doc: T) => Record<string, unknown>;
}

export interface AuditedDeps {
  audit: AuditLog;
  clock: () => Date;
}

/** Called with the current ETag before a change: throws (412) when the caller's precondition fails. */
export type Precondition = (currentEtag: string) => void;

function viewOf<T extends OwnedResource & { id: string }>(kind: AuditedKind<T>, doc: T) {
  if (kind.auditView) return kind.auditView(doc);
  const {
    id: _id,
    tenantId: _tenant,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = doc as T & {
    createdAt?: string;
    updatedAt?: string;
  };
  return rest as Record<string, unknown>;
}

const actorOf = (principal: Principal) => ({ tenantId: principal.tenantId, userId: principal.userId });

/** Reads one document of the caller's tenant (another tenant's id is simply not there: 404). */
export async function readOwned<T extends OwnedResource & { id: string }>(
  kind: AuditedKind<T>,
  principal: Principal,
  id: string,
  action: 'read' | 'update' | 'delete' = 'read',
): Promise<Versioned<T>> {
  const found = await kind.table.get(principal.tenantId, id);
  if (!found) throw notFound(kind.entityName, id);
  authorize(principal, action, found.doc);
  return found;
}

export async function createAudited<T extends OwnedResource & { id: string }>(
  deps: AuditedDeps,
  principal: Principal,
  kind: AuditedKind<T>,
  doc: T,
): Promise<Versioned<T>> {
  authorize(principal, 'create');
  const stored = await kind.table.insert(principal.tenantId, doc);
  await recordAudit(deps, actorOf(principal), {
    action: `${kind.entityType}.created`,
    entityType: kind.entityType,
    entityId: doc.id,
    diff: boundedDiff(null, viewOf(kind, doc)),
  });
  return stored;
}

/**
 * Replaces a document with `change(current)`: 404 if absent, 403 unless the caller may update it, 412 if
 * the precondition fails or someone else wrote it meanwhile (the replace is guarded by the ETag read).
 */
export async function updateAudited<T extends OwnedResource & { id: string }>(
  deps: AuditedDeps,
  principal: Principal,
  kind: AuditedKind<T>,
  id: string,
  change: (current: T) => T | Promise<T>,
  precondition?: Precondition,
  action = 'updated',
): Promise<Versioned<T>> {
  const current = await readOwned(kind, principal, id, 'update');
  precondition?.(current.etag);
  const next = await change(current.doc);
  const stored = await kind.table.replace(principal.tenantId, next, current.etag);
  await recordAudit(deps, actorOf(principal), {
    action: `${kind.entityType}.${action}`,
    entityType: kind.entityType,
    entityId: id,
    diff: boundedDiff(viewOf(kind, current.doc), viewOf(kind, next)),
  });
  return stored;
}

/** Deletes a document (same checks as an update); `beforeDelete` may refuse, e.g. while it is in use. */
export async function deleteAudited<T extends OwnedResource & { id: string }>(
  deps: AuditedDeps,
  principal: Principal,
  kind: AuditedKind<T>,
  id: string,
  precondition?: Precondition,
  beforeDelete: (current: T) => Promise<void> = () => Promise.resolve(),
): Promise<T> {
  const current = await readOwned(kind, principal, id, 'delete');
  precondition?.(current.etag);
  await beforeDelete(current.doc);
  await kind.table.remove(principal.tenantId, id, current.etag);
  await recordAudit(deps, actorOf(principal), {
    action: `${kind.entityType}.deleted`,
    entityType: kind.entityType,
    entityId: id,
    diff: boundedDiff(viewOf(kind, current.doc), null),
  });
  return current.doc;
}
