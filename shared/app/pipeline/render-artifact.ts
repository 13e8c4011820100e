import { createHash } from 'node:crypto';
import type { Artifact } from '../../contracts/artifact';
import type { RenderedArtifact, RenderRequest } from '../../contracts/run-messages';
import { notFound } from '../../domain/errors';
import { derivedId } from '../../domain/ids';
import { readStagedRows } from './read-staged-rows';
import { renderFormat } from './render-format';
import type { RunDeps } from './run-deps';
import { cancelledOutcome } from '../runs/cancel-run';
import { permanentFailureAsValue } from './run-error';
import { whileWatchingCancel } from './watch-cancellation';
import { updateRun, withStepEnded, withStepStarted } from '../runs/update-run';
import { withStepWorker } from './step-worker';
import { reportForRun } from './run-report-version';
import { effectiveTenantSettings } from '../tenants/tenant-settings';
import { newTenantRecord } from '../tenants/tenant-profiles';

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'report'
  );
}

/**
 * `sales-by-region-20261203-0800.pdf`: the report's name and the run's time (UTC); a bursting run's slice
 * adds the start of its key (`…-0800-3f9a1c2e.pdf`), never its address.
 */
export function artifactFileName(reportName: string, at: Date, format: string, sliceKey?: string): string {
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${slug(reportName)}-${stamp}${sliceKey ? `-${sliceKey.slice(0, 8)}` : ''}.${format}`;
}

/**
 * Renders one format from the staged rows, stores the file and records the artifact. The artifact id is
 * derived from (run, format), so a retried activity rewrites the same blob and finds the same record.
 */
export async function renderArtifact(deps: RunDeps, request: RenderRequest): Promise<RenderedArtifact> {
  return permanentFailureAsValue(async () => {
    const run = await deps.repos.runs.get(request.tenantId, request.runId);
    if (!run) throw notFound('Run', request.runId);
    if (run.doc.status === 'aborted') return cancelledOutcome;
    const report = await deps.repos.reports.get(request.tenantId, run.doc.reportId);
    if (!report) throw notFound('Report', run.doc.reportId);
    // The version extract chose and recorded, not whatever the report says now.
    const executed = await reportForRun(deps.repos, run.doc, report.doc);
    const tenant = await deps.repos.tenants.get(request.tenantId, request.tenantId);
    const { sliceKey } = request;
    const step = `render:${request.format}${sliceKey ? `:${sliceKey.slice(0, 8)}` : ''}`;
    await updateRun(deps.repos, request.tenantId, request.runId, (r) =>
      withStepWorker(withStepStarted(r, step, deps.clock()), step, deps.workerId),
    );

    const artifactId = derivedId(
      `${request.tenantId}|${request.runId}|${request.format}${sliceKey ? `|${sliceKey}` : ''}`,
      sha256Hex,
    );
    const createdAt = new Date(run.doc.fireTime ?? run.doc.createdAt);
    const yyyy = String(createdAt.getUTCFullYear());
    const mm = String(createdAt.getUTCMonth() + 1).padStart(2, '0');
    const fileName = artifactFileName(report.doc.name, createdAt, request.format, sliceKey);

    const folder = `reports/${report.doc.id}/${yyyy}/${mm}/${request.runId}`;
    const outcome = await whileWatchingCancel(deps, request, (signal) =>
      markFailedStep(deps, request, step, async () => {
        const { slice, ...staged } = await readStagedRows(
          await deps.blobs.openRead(request.tenantId, request.stagedBlob),
        );
        if (sliceKey && slice?.key !== sliceKey)
          throw new Error(`staged blob ${request.stagedBlob} does not hold slice ${sliceKey}`);
        const rendered = await renderFormat(deps.renderers, request.format, {
          report: executed,
          run: run.doc,
          tenant: tenant?.doc,
          ...staged,
          now: deps.clock(),
          signal,
        });
        const file = await deps.blobs.write(
          request.tenantId,
          `${folder}/${fileName}`,
          rendered.body,
          rendered.contentType,
        );
        const png = rendered.thumbnailPng
          ? await deps.blobs.write(
              request.tenantId,
              `${folder}/${fileName}.thumbnail.png`,
              rendered.thumbnailPng,
              'image/png',
            )
          : undefined;
        const preview = rendered.rowsPreview
          ? await deps.blobs.write(
              request.tenantId,
              `${folder}/${fileName}.preview.json`,
              Buffer.from(JSON.stringify(rendered.rowsPreview()), 'utf8'),
              'application/json',
            )
          : undefined;
        return { stored: file, thumbnail: png, preview, pages: rendered.pages, slice };
      }),
    );
    if (outcome.cancelled) return cancelledOutcome;
    const { stored, thumbnail, preview, pages, slice } = outcome.value;
    const now = deps.clock();
    // The tenant's own retention, within its tier's bound (a new tenant's default without a record).
    const { retentionDays } = effectiveTenantSettings(tenant?.doc ?? newTenantRecord(request.tenantId, now));
    const artifact: Artifact = {
      id: artifactId,
      tenantId: request.tenantId,
      runId: request.runId,
      reportId: report.doc.id,
      format: request.format,
      contentType: stored.contentType,
      bytes: stored.bytes,
      checksum: stored.sha256,
      blobName: stored.blobName,
      fileName,
      ...(thumbnail ? { thumbnailBlobName: thumbnail.blobName } : {}),
      ...(preview ? { previewBlobName: preview.blobName } : {}),
      ...(pages === undefined ? {} : { pages }),
      ...(sliceKey && slice ? { slice } : {}),
      ...(run.doc.reportVersion === undefined ? {} : { reportVersion: run.doc.reportVersion }),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + retentionDays * 86_400_000).toISOString(),
      // finishRun stamps the run's outcome on it (the gallery's status filter).
      status: 'running',
    };
    // The expiry entry goes first: retention must be able to find every artifact that exists.
    await deps.expiry.add({ tenantId: request.tenantId, artifactId, expiresAt: artifact.expiresAt });
    const existing = await deps.repos.artifacts.get(request.tenantId, artifactId);
    if (existing)
      await deps.repos.artifacts.replace(
        request.tenantId,
        { ...artifact, createdAt: existing.doc.createdAt },
        existing.etag,
      );
    else await deps.repos.artifacts.insert(request.tenantId, artifact);

    await updateRun(deps.repos, request.tenantId, request.runId, (r) =>
      withStepEnded(r, step, 'succeeded', deps.clock()),
    );
    deps.metrics?.artifactSize.observe({ format: request.format }, stored.bytes);
    return { ok: true as const, artifactId, bytes: stored.bytes };
  });
}

/** Runs the render; on failure the step is recorded as failed (a retried activity restarts it) and the error rethrown. */
async function markFailedStep<T>(
  deps: RunDeps,
  request: RenderRequest,
  step: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    await updateRun(deps.repos, request.tenantId, request.runId, (r) =>
      withStepEnded(r, step, 'failed', deps.clock()),
    ).catch(() => undefined);
    throw err;
  }
}
