import type { Tier } from '../../contracts/common';
import type { Repositories } from '../../ports/repositories';
import type { DueIndex } from '../../ports/scheduler-store';
import type { EnqueueRunDeps } from '../runs/enqueue-run';

/** What the schedules use cases need (the API's side; the sweep has SweepDeps). */
export interface ScheduleDeps {
  repos: Repositories;
  dueIndex: DueIndex;
  clock: () => Date;
  /** For "trigger": the run-now path every non-scheduled run takes. */
  runNow: EnqueueRunDeps;
  /** Throws AppError QUOTA_EXCEEDED (the limit in details) when the tenant may not add another schedule. */
  assertScheduleQuota: (tenantId: string, tier: Tier) => Promise<void>;
  /** After a schedule is created or deleted: the schedules quota's 80 % / 100 % alerts (never throws). */
  scheduleCountChanged?: (tenantId: string) => Promise<void>;
}
