import type { AppConfig } from '../config/app-config';
import { createTableExecutionQuota } from '../adapters/table/table-execution-quota';
import { createTableExecutionSlots } from '../adapters/table/table-execution-slots';
import type { TableService } from '../adapters/table/table-service';
import { withQuotaAlerts } from '../app/quotas/alerting-execution-quota';
import { alertOnScheduleCount } from '../app/quotas/schedule-quota-alerts';
import { publishEvent } from '../app/subscriptions/publish-event';
import type { SubscriptionEvent } from '../contracts/subscription';
import { limitsOf } from '../app/tenants/tenant-limits';
import { createTenantProfiles } from '../app/tenants/tenant-profiles';
import type { DeliveryRecord } from '../contracts/delivery';
import type { DocumentTable } from '../ports/document-store';
import type { Logger } from '../ports/logger';
import type { QuotaAlertMarkers } from '../ports/quota-alert-markers';
import type { MessageBus } from '../ports/message-bus';
import type { Repositories } from '../ports/repositories';
import type { HttpDeps } from './http-deps';

/**
 * A tenant's limits as its tier and the operator's overrides set them, and what enforces them: the daily
 * execution quota (with its 80 % / 100 % alerts), the schedules quota's alerts and the execution slots
 * (concurrent runs).
 */
export function createTenantQuotas(
  config: AppConfig,
  parts: {
    tables: TableService;
    repos: Repositories;
    bus: MessageBus;
    /** Both as the housekeeping index decorates them, so alert receipts and markers expire. */
    deliveryLedger: DocumentTable<DeliveryRecord>;
    markers: QuotaAlertMarkers;
    clock: () => Date;
    logger: Logger;
    overrides: Partial<Pick<HttpDeps, 'tenantProfiles' | 'tenantTier'>>;
  },
) {
  const { tables, repos, bus, clock, overrides } = parts;
  const tenantProfiles = overrides.tenantProfiles ?? createTenantProfiles(repos, clock);
  const limitsOfTenant = async (tenantId: string) => limitsOf(await tenantProfiles.get(tenantId));
  const tenantTier =
    overrides.tenantTier ?? (async (tenantId: string) => (await limitsOfTenant(tenantId)).rateLimitTier);
  const executionLimitOf = async (tenantId: string) => (await limitsOfTenant(tenantId)).executionsPerDay;
  const countingQuota = createTableExecutionQuota(tables, { tierOf: tenantTier, limitOf: executionLimitOf });
  const alerts = {
    markers: parts.markers,
    ledger: parts.deliveryLedger,
    bus,
    publishEvent: (event: SubscriptionEvent) => publishEvent({ bus }, event),
    profiles: tenantProfiles,
    clock,
    log: parts.logger,
  };
  const alertingQuota = withQuotaAlerts(countingQuota, { ...alerts, limitOf: executionLimitOf });
  const scheduleLimitOf = async (tenantId: string) => (await limitsOfTenant(tenantId)).schedules;
  const scheduleCountChanged = (tenantId: string) =>
    alertOnScheduleCount({ ...alerts, repos, limitOf: scheduleLimitOf }, tenantId);
  const slots = createTableExecutionSlots(tables, { leaseMs: config.EXECUTION_SLOT_LEASE_SECONDS * 1000 });
  return {
    tenantProfiles,
    limitsOfTenant,
    tenantTier,
    countingQuota,
    alertingQuota,
    scheduleCountChanged,
    slots,
  };
}
