import { hostname } from 'node:os';
import type { Metrics } from '../adapters/observability/create-metrics';
import { createTableArtifactExpiryIndex } from '../adapters/table/table-artifact-expiry-index';
import type { TableService } from '../adapters/table/table-service';
import type { RunDeps } from '../app/pipeline/run-deps';
import type { ReportRenderers } from '../app/pipeline/render-format';
import type { PublishEvent } from '../app/subscriptions/publish-event';
import type { AppConfig } from '../config/app-config';
import type { ArtifactBlobStore } from '../ports/artifact-blob-store';
import type { DataSourceResolver } from '../ports/data-source';
import type { ExecutionQuotaRefund } from '../ports/execution-quota';
import type { ExecutionSlots } from '../ports/execution-slots';
import type { Repositories } from '../ports/repositories';

/** What a run needs from query to artifact: data sources, renderers, the render job queue's threshold. */
export function createRunDeps(
  config: AppConfig,
  parts: {
    tables: TableService;
    repos: Repositories;
    blobs: ArtifactBlobStore;
    dataSources: DataSourceResolver;
    clock: () => Date;
    renderers: ReportRenderers;
    publishEvent: PublishEvent;
    slots: ExecutionSlots;
    metrics: Metrics;
    /** Absent when a test replaced the quota: nothing is given back then. */
    quotaRefund?: ExecutionQuotaRefund;
  },
): RunDeps {
  return {
    repos: parts.repos,
    blobs: parts.blobs,
    expiry: createTableArtifactExpiryIndex(parts.tables),
    dataSources: parts.dataSources,
    clock: parts.clock,
    workerId: `${hostname()}:${process.pid}`,
    limits: { timeoutMs: 60_000, maxRows: 5_000_000 },
    renderers: parts.renderers,
    publishEvent: parts.publishEvent,
    slots: parts.slots,
    renderJobs: { minRows: config.RENDER_JOB_MIN_ROWS, timeoutSeconds: config.RENDER_JOB_TIMEOUT_SECONDS },
    burstMaxSlices: config.BURST_MAX_SLICES,
    metrics: parts.metrics,
    ...(parts.quotaRefund ? { quotaRefund: parts.quotaRefund } : {}),
  };
}
