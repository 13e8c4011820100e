import type { ExecutionRun } from '../../contracts/run';
import type { RunResult } from '../../contracts/run-result';
import { notFound } from '../../domain/errors';
import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { Repositories } from '../../ports/repositories';
import { listArtifacts } from '../artifacts/list-artifacts';
import { signArtifact } from '../artifacts/open-artifact';
import { withTenantFacingError } from '../pipeline/run-error';

/** Either the run is still on its way (poll again), or it has finished and this is what it produced. */
export type RunResultOutcome = { finished: false; run: ExecutionRun } | { finished: true; result: RunResult };

/** Where a caller polls for a run's result (the `Location` of run now and of the result itself). */
export const runResultUrl = (publicBaseUrl: string, runId: string) =>
  `${publicBaseUrl.replace(/\/+$/, '')}/api/v1/runs/${encodeURIComponent(runId)}/result`;

/** A run has one artifact per output format: a page of 100 holds them all. */
const artifactsPerRun = 100;

/** The result of one of the tenant's runs: pending while queued or running, else its outcome and files. */
export async function getRunResult(
  deps: { repos: Repositories; blobs: ArtifactBlobStore; clock: () => Date },
  tenantId: string,
  runId: string,
): Promise<RunResultOutcome> {
  const found = await deps.repos.runs.get(tenantId, runId);
  if (!found) throw notFound('Run', runId);
  const run = withTenantFacingError(found.doc);
  if (run.status === 'queued' || run.status === 'running') return { finished: false, run };
  const page = await listArtifacts(deps.repos, tenantId, { runId, limit: artifactsPerRun, cursor: null });
  const artifacts = await Promise.all(page.items.map((a) => signArtifact(deps, tenantId, a)));
  return {
    finished: true,
    result: {
      runId: run.id,
      reportId: run.reportId,
      status: run.status,
      rowCount: run.rowCount,
      error: run.error,
      artifacts,
    },
  };
}
