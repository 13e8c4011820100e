import { hostname } from 'node:os';
import { createDeps } from '../shared/composition/create-deps';
import { runRenderJob } from '../shared/app/pipeline/run-render-job';
import type { AppConfig } from '../shared/config/app-config';
import { RenderJobRequested, type RenderJobCompleted } from '../shared/contracts/render-jobs';

export interface RenderJob {
  /** Recorded on the render step, so a run's timeline shows the render ran in the job. */
  readonly workerId: string;
  /**
   * Renders one RenderJobRequested and publishes its outcome. Resolves undefined for a malformed message
   * (dropped: no retry can fix it); rejects on a transient failure so the queue delivers it again.
   */
  handle(body: unknown): Promise<RenderJobCompleted | undefined>;
  /** Closes the job's browser. */
  close(): Promise<void>;
}

/**
 * The render job: the same renderArtifact use case as the activity, on dependencies built by the app's
 * composition root from the same settings — only the worker id differs. Hosted by `jobs/main.ts` (a
 * Container Apps job in Azure) and, on one machine, by the local host's render-jobs consumer.
 */
export function createRenderJob(
  config: AppConfig,
  workerId = `render-job:${hostname()}:${process.pid}`,
): RenderJob {
  const deps = createDeps(config);
  const jobDeps = { runs: { ...deps.runs, workerId }, bus: deps.bus };
  return {
    workerId,
    async handle(body) {
      const parsed = RenderJobRequested.safeParse(body);
      if (!parsed.success) {
        deps.logger.error({ issues: parsed.error.issues }, 'dropping a malformed RenderJobRequested message');
        return undefined;
      }
      const { tenantId, runId, format } = parsed.data;
      // Queued before its tenant was erased: nothing to render, and nothing may be written back.
      if (await deps.tenantErase.erased.isErased(tenantId)) {
        deps.logger.warn(
          { executionId: runId, format, workerId },
          'dropping a render job of an erased tenant',
        );
        return undefined;
      }
      deps.logger.info({ tenantId, executionId: runId, format, workerId }, 'render job started');
      const completed = await runRenderJob(jobDeps, parsed.data);
      deps.logger.info(
        { tenantId, executionId: runId, format, workerId, ok: completed.result.ok },
        'render job finished',
      );
      return completed;
    },
    close: () => deps.runs.renderers.pdf.close(),
  };
}
