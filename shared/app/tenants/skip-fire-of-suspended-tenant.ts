import type { ExecutionRequested } from '../../contracts/run-messages';
import type { Repositories } from '../../ports/repositories';
import { updateRun } from '../runs/update-run';
import type { TenantProfiles } from './tenant-profiles';

/**
 * A scheduled fire of a suspended tenant is recorded, not run: its queued run becomes `skipped` with the
 * reason TENANT_SUSPENDED, so the tenant's history shows the gap. Returns whether it skipped the fire.
 * Called by the execution consumer after the run row exists and before anything is counted or started.
 */
export async function skipFireOfSuspendedTenant(
  deps: { repos: Repositories; profiles: TenantProfiles; clock: () => Date },
  message: ExecutionRequested,
): Promise<boolean> {
  if (message.trigger !== 'schedule') return false;
  const tenant = await deps.profiles.get(message.tenantId);
  if ((tenant.status ?? 'active') === 'active') return false;
  const endedAt = deps.clock().toISOString();
  await updateRun(deps.repos, message.tenantId, message.runId, (r) =>
    r.status === 'queued'
      ? {
          ...r,
          status: 'skipped',
          endedAt,
          error: {
            code: 'TENANT_SUSPENDED',
            message: 'Not run: the tenant was suspended by the platform operator when this schedule fired.',
            suggestedFix:
              'Ask the platform operator to reactivate the tenant; the schedule resumes by itself.',
          },
        }
      : undefined,
  );
  return true;
}
