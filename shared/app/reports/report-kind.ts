import type { ReportDefinition } from '../../contracts/report';
import type { Repositories } from '../../ports/repositories';
import type { AuditedKind } from '../audit/audited-documents';

export interface ReportDeps {
  repos: Repositories;
  clock: () => Date;
}

export const reportKind = (repos: Repositories): AuditedKind<ReportDefinition> => ({
  entityType: 'report',
  entityName: 'Report',
  table: repos.reports,
});

export const auditedDeps = (deps: ReportDeps) => ({ audit: deps.repos.audit, clock: deps.clock });
