import { randomBytes } from 'node:crypto';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { executionQueueName } from '../../contracts/run-messages';
import type { ParamValue } from '../../ports/data-source';
import { AppError, notFound } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { ExecutionQuota } from '../../ports/execution-quota';
import type { MessageBus } from '../../ports/message-bus';
import type { Repositories } from '../../ports/repositories';
import { recordAudit } from '../audit/record-audit';
import { queuedRun } from './admit-execution-request';

export interface EnqueueRunDeps {
  repos: Repositories;
  bus: MessageBus;
  quota: ExecutionQuota;
  clock: () => Date;
}

/**
 * A run outside the schedule (run now, schedule trigger, event trigger): checks the report and the tenant's
 * daily quota, then puts an ExecutionRequested on the bus — the same path as a scheduled fire, so the run
 * row, the orchestration and the audit trail look the same.
 */
export async function enqueueRun(
  deps: EnqueueRunDeps,
  actor: { tenantId: string; userId: string },
  request: {
    reportId: string;
    scheduleId?: string | null;
    parameters: Record<string, ParamValue>;
    trigger: ExecutionRequested['trigger'];
    runId?: string;
    attempt?: number;
  },
): Promise<ExecutionRequested> {
  const report = await deps.repos.reports.get(actor.tenantId, request.reportId);
  if (!report) throw notFound('Report', request.reportId);
  const now = deps.clock();
  await deps.quota.consume(actor.tenantId, now);
  const message: ExecutionRequested = {
    tenantId: actor.tenantId,
    runId: request.runId ?? newId(now, randomBytes),
    reportId: request.reportId,
    scheduleId: request.scheduleId ?? null,
    trigger: request.trigger,
    fireTime: null,
    parameters: request.parameters,
    requestedBy: actor.userId,
    ...(request.attempt ? { attempt: request.attempt } : {}),
  };
  await deps.bus.publish(executionQueueName, { body: message, messageId: message.runId });
  // The queued row is written here as well as by the consumer (whose insert then finds it), so the run can
  // be read the moment the caller has its id. Published first: a crash in between still gets the row.
  try {
    await deps.repos.runs.insert(actor.tenantId, queuedRun(message, now));
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
  }
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, actor, {
    action: 'run.requested',
    entityType: 'run',
    entityId: message.runId,
    diff: { reportId: request.reportId, trigger: request.trigger },
  });
  return message;
}
