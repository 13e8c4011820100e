import type { ReportDefinition } from '../../contracts/report';
import { AppError } from '../../domain/errors';
import { isAllowed } from '../auth/authorize';
import type { Principal } from '../auth/principal';

/**
 * Running a report — now, on a schedule, on an event, or again (cancel and retry of its runs) — is for
 * its owner or a tenant admin, as changing it is: a report creator may not spend the owner's quota or
 * stop the owner's run. A run whose report was deleted is left to tenant admins.
 */
export function assertMayRunReport(principal: Principal, report: ReportDefinition | undefined): void {
  if (isAllowed(principal, 'update', report)) return;
  throw new AppError('FORBIDDEN', "Only the report's owner or a tenant admin may run it or act on its runs", {
    action: 'run',
    roles: [...principal.roles],
  });
}
