import type { FinishRequest } from '../../contracts/run-messages';
import type { RunDeps } from './run-deps';
import { updateRun } from './update-run';

/** Records the outcome once: a run that already ended keeps its first outcome. Returns the run as stored. */
export async function finishRun(deps: Pick<RunDeps, 'repos' | 'clock'>, request: FinishRequest) {
  const run = await updateRun(deps.repos, request.tenantId, request.runId, (r) =>
    ['succeeded', 'failed', 'aborted', 'missed'].includes(r.status)
      ? undefined
      : {
          ...r,
          status: request.status,
          error: request.error,
          bytes: request.bytes ?? r.bytes,
          endedAt: deps.clock().toISOString(),
          steps: r.steps.map((s) => (s.status === 'running' ? { ...s, status: 'failed' as const } : s)),
        },
  );
  return run;
}
