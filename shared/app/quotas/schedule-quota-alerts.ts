import type { Logger } from '../../ports/logger';
import type { Repositories } from '../../ports/repositories';
import { countSchedules } from './assert-schedule-quota';
import { alertOnQuotaThreshold, reachedThreshold, type QuotaAlertDeps } from './quota-alerts';

export interface ScheduleQuotaAlertDeps extends QuotaAlertDeps {
  repos: Pick<Repositories, 'schedules'>;
  /** The tenant's schedule limit (its tier with overrides); null = unlimited. */
  limitOf: (tenantId: string) => Promise<number | null>;
  log: Pick<Logger, 'warn'>;
}

/**
 * The schedules quota's 80 % / 100 % alerts, checked after a schedule is created or deleted. The quota has
 * no period, so an alert goes out once per **crossing**: reaching 80 % opens one (its id is when it
 * began), and the alerts of that crossing are sent once each, exactly as the daily quota's are once per
 * day; falling below 80 % ends it, so the next climb alerts again. A failure is logged, never fails the
 * change: the next create or delete checks again (the alert's markers are written only once sent).
 */
export async function alertOnScheduleCount(deps: ScheduleQuotaAlertDeps, tenantId: string): Promise<void> {
  try {
    const limit = await deps.limitOf(tenantId);
    const used = await countSchedules(deps.repos, tenantId);
    if (reachedThreshold(used, limit) === null) {
      await deps.markers.endCrossing(tenantId, 'schedules');
      return;
    }
    const period = await deps.markers.openCrossing(tenantId, 'schedules', deps.clock());
    await alertOnQuotaThreshold(deps, tenantId, { quota: 'schedules', period, used, limit });
  } catch (err) {
    deps.log.warn({ err, tenantId }, 'schedule quota alert not sent yet: the next change tries again');
  }
}
