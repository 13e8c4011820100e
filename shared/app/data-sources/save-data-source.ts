import { randomBytes } from 'node:crypto';
import type { DataSourceDefinition, DataSourceRequest } from '../../contracts/data-source';
import { conflict } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Versioned } from '../../ports/repositories';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { createAudited, deleteAudited, updateAudited, type Precondition } from '../audit/audited-documents';
import { auditedDeps, dataSourceKind, type DataSourceDeps } from './data-source-deps';
import { reportsUsing } from './reports-using';

/** The request's fields as stored, after the SSRF check of its host or URL. */
function definitionFields(deps: DataSourceDeps, input: DataSourceRequest) {
  deps.targets.check(input);
  return { type: input.type, name: input.name, description: input.description ?? '', config: input.config };
}

/** `POST /data-sources` (tenant admins only): the server sets id, tenant (from the token), owner and timestamps. */
export async function createDataSource(
  deps: DataSourceDeps,
  principal: Principal,
  input: DataSourceRequest,
): Promise<Versioned<DataSourceDefinition>> {
  authorize(principal, 'admin');
  const now = deps.clock();
  const definition = {
    id: newId(now, randomBytes),
    tenantId: principal.tenantId,
    ...definitionFields(deps, input),
    createdBy: principal.userId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  } as DataSourceDefinition;
  return createAudited(auditedDeps(deps), principal, dataSourceKind(deps), definition);
}

/** `PUT /data-sources/{id}` (tenant admins only): replaces the definition; open connections are reopened. */
export function updateDataSource(
  deps: DataSourceDeps,
  principal: Principal,
  id: string,
  input: DataSourceRequest,
  precondition?: Precondition,
): Promise<Versioned<DataSourceDefinition>> {
  authorize(principal, 'admin');
  return updateAudited(
    auditedDeps(deps),
    principal,
    dataSourceKind(deps),
    id,
    (current) =>
      ({
        ...definitionFields(deps, input),
        id: current.id,
        tenantId: current.tenantId,
        createdBy: current.createdBy,
        createdAt: current.createdAt,
        updatedAt: deps.clock().toISOString(),
      }) as DataSourceDefinition,
    precondition,
  );
}

/** `DELETE /data-sources/{id}` (tenant admins only): refused (409, listing them) while reports use it. */
export async function deleteDataSource(
  deps: DataSourceDeps,
  principal: Principal,
  id: string,
  precondition?: Precondition,
): Promise<void> {
  authorize(principal, 'admin');
  await deleteAudited(auditedDeps(deps), principal, dataSourceKind(deps), id, precondition, async () => {
    const reports = await reportsUsing(deps, principal.tenantId, id);
    if (reports.length)
      throw conflict(`Data source ${id} is still used by ${reports.length} report(s)`, { reports });
  });
}
