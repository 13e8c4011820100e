import type { ExecutionRun } from '../../contracts/run';
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
  deps: { repos: Repositories; clock: () => Date; orchestrations: OrchestrationStarter },
  message: ExecutionRequested,
): Promise<'started' | 'duplicate'> {
  const run: ExecutionRun = {
    id: message.runId,
    tenantId: message.tenantId,
    reportId: message.reportId,
    scheduleId: message.scheduleId,
    trigger: message.trigger,
    fireTime: message.fireTime,
    status: 'queued',
    attempt: 1,
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
  try {
    await deps.repos.runs.insert(message.tenantId, run);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
  }
  if (await deps.orchestrations.exists(message.runId)) return 'duplicate';
  await deps.orchestrations.start('reportRun', message.runId, {
    tenantId: message.tenantId,
    runId: message.runId,
  });
  return 'started';
}
