import { AppError } from '../../domain/errors';
import type { CountedRunInserts, ExecutionQuota, ExecutionUsage } from '../../ports/execution-quota';
import type { Logger } from '../../ports/logger';
import { alertOnQuotaThreshold, type QuotaAlertDeps } from './quota-alerts';

/**
 * The daily execution quota, alerting at 80 % and 100 %: after each count (and after a refusal, which means
 * 100 %), the tenant's count for the day is checked against its limit — a scheduled fire's counted insert
 * included, with the count its write left (no read). An alert that fails is logged and
 * tried again by the next count (its marker is written only once it is sent on its way).
 */
export function withQuotaAlerts(
  quota: ExecutionQuota & CountedRunInserts & ExecutionUsage,
  deps: QuotaAlertDeps & { limitOf: (tenantId: string) => Promise<number | null>; log: Logger },
): ExecutionQuota & CountedRunInserts & ExecutionUsage {
  async function alert(tenantId: string, now: Date, used?: number) {
    try {
      const limit = await deps.limitOf(tenantId);
      if (limit === null) return;
      const count = used ?? (await quota.usedToday(tenantId, now));
      const period = now.toISOString().slice(0, 10);
      await alertOnQuotaThreshold(deps, tenantId, { quota: 'executionsPerDay', period, used: count, limit });
    } catch (err) {
      deps.log.warn({ err, tenantId }, 'quota alert not sent yet: the next count tries again');
    }
  }
  return {
    usedToday: (tenantId, now) => quota.usedToday(tenantId, now),
    async consume(tenantId, now) {
      try {
        await quota.consume(tenantId, now);
      } catch (err) {
        if (err instanceof AppError && err.code === 'QUOTA_EXCEEDED')
          await alert(tenantId, now, Number(err.details.current));
        throw err;
      }
      await alert(tenantId, now);
    },
    async insertCounted(tenantId, run, now, refused) {
      const result = await quota.insertCounted(tenantId, run, now, refused);
      if (result.outcome !== 'duplicate' && result.used !== null) await alert(tenantId, now, result.used);
      return result;
    },
  };
}
