import type { ExecutionRun, RunError } from '../../contracts/run';
import type { ExecutionQuota } from '../../ports/execution-quota';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { AppError } from '../../domain/errors';
import type { Repositories } from '../../ports/repositories';

export interface OrchestrationStarter {
  /** Whether an orchestration instance with this id exists in any state. */
  exists(instanceId: string): Promise<boolean>;
  start(orchestrator: string, instanceId: string, input: unknown): Promise<void>;
}

/**
 * Turns an ExecutionRequested message into exactly one run: the run row is the gate (insert → 409 means a
 * duplicate message), and the orchestration is started only if it does not exist yet, so a crash between the
 * two steps is healed by the redelivered message.
 */
export async function startRequestedRun(
  deps: {
    repos: Repositories;
    clock: () => Date;
    orchestrations: OrchestrationStarter;
    quota?: ExecutionQuota;
  },
  message: ExecutionRequested,
): Promise<'started' | 'duplicate' | 'over-quota'> {
  const run: ExecutionRun = {
    id: message.runId,
    tenantId: message.tenantId,
    reportId: message.reportId,
    scheduleId: message.scheduleId,
    trigger: message.trigger,
    fireTime: message.fireTime,
    status: 'queued',
    attempt: message.attempt ?? 1,
    parameters: message.parameters,
    steps: [],
    rowCount: null,
    bytes: null,
    workerId: null,
    error: null,
    createdAt: deps.clock().toISOString(),
    startedAt: null,
    endedAt: null,
  };
  // Scheduled fires count against the daily quota here; other triggers were counted when requested.
  const overQuota =
    message.trigger === 'schedule' && deps.quota
      ? await quotaRefusal(deps.quota, message, deps.clock())
      : null;
  if (overQuota) {
    run.status = 'failed';
    run.error = overQuota;
    run.endedAt = run.createdAt;
  }
  try {
    await deps.repos.runs.insert(message.tenantId, run);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
  }
  if (overQuota) return 'over-quota';
  if (await deps.orchestrations.exists(message.runId)) return 'duplicate';
  await deps.orchestrations.start('reportRun', message.runId, {
    tenantId: message.tenantId,
    runId: message.runId,
  });
  return 'started';
}

async function quotaRefusal(
  quota: ExecutionQuota,
  message: ExecutionRequested,
  now: Date,
): Promise<RunError | null> {
  try {
    await quota.consume(message.tenantId, now);
    return null;
  } catch (err) {
    if (err instanceof AppError && err.code === 'QUOTA_EXCEEDED') {
      return {
        code: err.code,
        message: err.message,
        suggestedFix: "Wait for tomorrow's quota or upgrade the tier.",
      };
    }
    throw err;
  }
}
