import type { TenantUsage } from '../../contracts/tenant-resources';
import { countSchedules } from '../quotas/assert-schedule-quota';
import { limitsOf } from './tenant-limits';
import type { TenantDeps } from './tenant-deps';

/** The next UTC midnight: when the daily execution count starts again. */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/** `GET /api/v1/tenant/usage`: each quota with what is used, the limit and when it resets. */
export async function getTenantUsage(
  deps: Pick<TenantDeps, 'repos' | 'profiles' | 'quota' | 'clock'>,
  tenantId: string,
): Promise<TenantUsage> {
  const now = deps.clock();
  const tenant = await deps.profiles.get(tenantId);
  const limits = limitsOf(tenant);
  const [schedules, executions] = await Promise.all([
    countSchedules(deps.repos, tenantId),
    deps.quota.usedToday(tenantId, now),
  ]);
  return {
    tenantId,
    tier: tenant.tier,
    quotas: [
      { quota: 'schedules', used: schedules, limit: limits.schedules, resetsAt: null },
      {
        quota: 'executionsPerDay',
        used: executions,
        limit: limits.executionsPerDay,
        resetsAt: nextUtcMidnight(now).toISOString(),
      },
    ],
  };
}
