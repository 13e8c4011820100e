import { randomBytes } from 'node:crypto';
import type { ReportDefinition } from '../../contracts/report';
import type { ReportRequest } from '../../contracts/report-resources';
import { newId } from '../../domain/ids';
import type { Versioned } from '../../ports/repositories';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { createAudited, updateAudited, type Precondition } from '../audit/audited-documents';
import { assertValidReport } from './check-report';
import { auditedDeps, reportKind, type ReportDeps } from './report-kind';
import { recordReportVersion } from './report-versions';

/** The request's fields as stored: optional ones take their defaults, absent ones are not kept. */
export function definitionFields(input: ReportRequest) {
  return {
    name: input.name,
    description: input.description ?? '',
    dataSource: input.dataSource,
    ...(input.transforms ? { transforms: input.transforms } : {}),
    ...(input.template ? { template: input.template } : {}),
    outputs: input.outputs,
    active: input.active ?? true,
  };
}

/** `POST /reports`: the server sets id, tenant (from the token), owner and timestamps. */
export async function createReport(
  deps: ReportDeps,
  principal: Principal,
  input: ReportRequest,
): Promise<Versioned<ReportDefinition>> {
  authorize(principal, 'create');
  assertValidReport(input);
  const now = deps.clock();
  const report: ReportDefinition = {
    id: newId(now, randomBytes),
    tenantId: principal.tenantId,
    ...definitionFields(input),
    createdBy: principal.userId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const created = await createAudited(auditedDeps(deps), principal, reportKind(deps.repos), report);
  await recordReportVersion(deps, principal, created.doc);
  return created;
}

/**
 * `PUT /reports/{id}`: replaces the definition; owner, id and creation time stay. A changed query,
 * transforms or template is a new version; a restore (`restoredFrom`) is always one, audited as `report.restored`.
 */
export async function updateReport(
  deps: ReportDeps,
  principal: Principal,
  id: string,
  input: ReportRequest,
  precondition?: Precondition,
  restoredFrom?: number,
): Promise<Versioned<ReportDefinition>> {
  const updated = await updateAudited(
    auditedDeps(deps),
    principal,
    reportKind(deps.repos),
    id,
    (current) => {
      assertValidReport(input);
      return {
        ...definitionFields(input),
        id: current.id,
        tenantId: current.tenantId,
        createdBy: current.createdBy,
        createdAt: current.createdAt,
        updatedAt: deps.clock().toISOString(),
      };
    },
    precondition,
    restoredFrom === undefined ? 'updated' : 'restored',
  );
  await recordReportVersion(deps, principal, updated.doc, restoredFrom);
  return updated;
}
