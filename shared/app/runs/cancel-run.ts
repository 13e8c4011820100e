import type { ExecutionRun } from '../../contracts/run';
import { conflict, notFound } from '../../domain/errors';
import type { Repositories } from '../../ports/repositories';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../auth/principal';
import { assertMayRunReport } from '../reports/assert-may-run-report';
import { updateRun } from './update-run';

const finished = ['succeeded', 'failed', 'aborted', 'missed', 'skipped'];

/**
 * Cancels a queued or running run (its report's owner or a tenant admin). Cancellation is cooperative: the run is marked aborted at once, every
 * activity checks the mark before it starts work, and the orchestration's final outcome cannot overwrite it.
 */
export async function cancelRun(
  deps: { repos: Repositories; clock: () => Date },
  actor: Principal,
  runId: string,
): Promise<ExecutionRun> {
  const current = await deps.repos.runs.get(actor.tenantId, runId);
  if (!current) throw notFound('Run', runId);
  assertMayRunReport(actor, (await deps.repos.reports.get(actor.tenantId, current.doc.reportId))?.doc);
  let refused: string | undefined;
  const run = await updateRun(deps.repos, actor.tenantId, runId, (r) => {
    refused = finished.includes(r.status) ? r.status : undefined;
    if (refused) return undefined;
    return {
      ...r,
      status: 'aborted',
      endedAt: deps.clock().toISOString(),
      error: { code: 'CANCELLED', message: `Cancelled by ${actor.userId}`, suggestedFix: null },
    };
  });
  if (refused) throw conflict(`Run ${runId} has already ended (${refused})`, { status: refused });
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, actor, {
    action: 'run.cancelled',
    entityType: 'run',
    entityId: runId,
  });
  return run;
}

/** What an activity returns instead of working on a cancelled run. */
export const cancelledOutcome = {
  ok: false as const,
  error: { code: 'CANCELLED', message: 'The run was cancelled', suggestedFix: null },
};
