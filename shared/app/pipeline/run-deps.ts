import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { ArtifactExpiryIndex } from '../../ports/artifact-expiry-index';
import type { DataSourceResolver } from '../../ports/data-source';
import type { ExecutionQuotaRefund } from '../../ports/execution-quota';
import type { Repositories } from '../../ports/repositories';
import type { ExecutionSlots } from '../../ports/execution-slots';
import type { PublishEvent } from '../subscriptions/publish-event';
import type { ReportRenderers } from './render-format';
import type { RunMetrics } from './run-metrics';

export interface RunDeps {
  repos: Repositories;
  blobs: ArtifactBlobStore;
  expiry: ArtifactExpiryIndex;
  dataSources: DataSourceResolver;
  clock: () => Date;
  /** Identifies the process doing the work, recorded on the run. */
  workerId: string;
  limits: { timeoutMs: number; maxRows: number };
  /** How often a running query or render checks whether its run was cancelled (default 1 s). */
  cancelPollMs?: number;
  /** Liquid → HTML and HTML → PDF (one browser per process, launched on the first PDF). */
  renderers: ReportRenderers;
  /** Integration events (`run.succeeded`, `artifact.created`, …) for event subscriptions. */
  publishEvent: PublishEvent;
  /** Large PDF / HTML renders go to the render job queue (absent or minRows 0: every render in-process). */
  renderJobs?: { minRows: number; timeoutSeconds: number };
  /** A bursting run's most slices (BURST_MAX_SLICES; default 500). */
  burstMaxSlices?: number;
  /** The tenant's execution slots: the run's end frees its slot for the next waiting fire. */
  slots?: ExecutionSlots;
  /** Run durations, failures and concurrent runs (docs/telemetry.md); absent in tests that do not look at them. */
  metrics?: RunMetrics;
  /** Gives back the execution of a run its schedule's condition skipped (absent: nothing is given back). */
  quotaRefund?: ExecutionQuotaRefund;
}
