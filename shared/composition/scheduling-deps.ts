import { createTableFireGates } from '../adapters/table/table-scheduler-store';
import { createTableScheduleStateStore } from '../adapters/table/table-schedule-state-store';
import type { TableService } from '../adapters/table/table-service';
import { assertScheduleQuota } from '../app/quotas/assert-schedule-quota';
import type { ScheduleDeps } from '../app/schedules/schedule-deps';
import type { SweepDeps } from '../app/sweep/sweep-due-schedules';
import type { AppConfig } from '../config/app-config';
import { executionQueueName } from '../contracts/run-messages';
import type { ExecutionQuota } from '../ports/execution-quota';
import type { MessageBus } from '../ports/message-bus';
import type { Repositories } from '../ports/repositories';
import type { DueIndex } from '../ports/scheduler-store';
import type { TenantLimits } from '../app/tenants/tenant-limits';

/** The sweep: due schedules found in the due index, their fires published to the execution queue. */
export function createSchedulerDeps(
  config: AppConfig,
  parts: { tables: TableService; repos: Repositories; dueIndex: DueIndex; bus: MessageBus; clock: () => Date },
): SweepDeps {
  return {
    repos: parts.repos,
    schedules: createTableScheduleStateStore(parts.tables),
    dueIndex: parts.dueIndex,
    gates: createTableFireGates(parts.tables),
    bus: parts.bus,
    clock: parts.clock,
    executionQueue: executionQueueName,
    lookaheadSeconds: config.SCHEDULER_LOOKAHEAD_SECONDS,
    misfireGraceSeconds: 60,
    batchFires: config.SCHEDULER_BATCH_FIRES,
  };
}

/** The schedules API: its store, "run now" (counted against the daily quota) and the schedules quota. */
export function createScheduleDeps(parts: {
  repos: Repositories;
  dueIndex: DueIndex;
  bus: MessageBus;
  quota: ExecutionQuota;
  clock: () => Date;
  limitsOfTenant: (tenantId: string) => Promise<TenantLimits>;
  scheduleCountChanged: (tenantId: string) => Promise<void>;
}): ScheduleDeps {
  const { repos, dueIndex, bus, quota, clock, limitsOfTenant } = parts;
  return {
    repos,
    dueIndex,
    clock,
    runNow: { repos, bus, quota, clock },
    assertScheduleQuota: (tenantId, tier) =>
      assertScheduleQuota(
        { repos, limitOf: async (id) => (await limitsOfTenant(id)).schedules },
        tenantId,
        tier,
      ),
    scheduleCountChanged: parts.scheduleCountChanged,
  };
}
