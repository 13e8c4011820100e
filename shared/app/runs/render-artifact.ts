import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Artifact } from '../../contracts/artifact';
import type { OutputFormat } from '../../contracts/report';
import type { RenderedArtifact, RenderRequest } from '../../contracts/run-messages';
import { AppError, notFound } from '../../domain/errors';
import { derivedId } from '../../domain/ids';
import type { Column, Row } from '../../ports/data-source';
import { renderCsv } from '../render/csv-renderer';
import { renderJson } from '../render/json-renderer';
import { readStagedRows } from './read-staged-rows';
import type { RunDeps } from './run-deps';
import { cancelledOutcome } from './cancel-run';
import { permanentFailureAsValue } from './run-error';
import { updateRun, withStepEnded, withStepStarted } from './update-run';

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

const renderers: Partial<
  Record<OutputFormat, { contentType: string; render: (c: Column[], r: AsyncIterable<Row>) => Readable }>
> = {
  csv: { contentType: 'text/csv; charset=utf-8', render: (columns, rows) => renderCsv(columns, rows) },
  json: { contentType: 'application/json', render: (_columns, rows) => renderJson(rows) },
};

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
 * Renders one format from the staged rows, stores the file and records the artifact. The artifact id is
 * derived from (run, format), so a retried activity rewrites the same blob and finds the same record.
 */
export async function renderArtifact(deps: RunDeps, request: RenderRequest): Promise<RenderedArtifact> {
  return permanentFailureAsValue(async () => {
    const renderer = renderers[request.format];
    if (!renderer) {
      throw new AppError('VALIDATION_ERROR', `Output format ${request.format} is not available yet`, {
        format: request.format,
      });
    }
    const run = await deps.repos.runs.get(request.tenantId, request.runId);
    if (!run) throw notFound('Run', request.runId);
    if (run.doc.status === 'aborted') return cancelledOutcome;
    const report = await deps.repos.reports.get(request.tenantId, run.doc.reportId);
    if (!report) throw notFound('Report', run.doc.reportId);
    const tenant = await deps.repos.tenants.get(request.tenantId, request.tenantId);
    const step = `render:${request.format}`;
    await updateRun(deps.repos, request.tenantId, request.runId, (r) =>
      withStepStarted(r, step, deps.clock()),
    );

    const artifactId = derivedId(`${request.tenantId}|${request.runId}|${request.format}`, sha256Hex);
    const createdAt = new Date(run.doc.fireTime ?? run.doc.createdAt);
    const yyyy = String(createdAt.getUTCFullYear());
    const mm = String(createdAt.getUTCMonth() + 1).padStart(2, '0');
    const stamp = createdAt.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    const fileName = `${slug(report.doc.name)}-${stamp}.${request.format}`;

    const staged = await readStagedRows(await deps.blobs.openRead(request.tenantId, request.stagedBlob));
    const stored = await deps.blobs.write(
      request.tenantId,
      `reports/${report.doc.id}/${yyyy}/${mm}/${request.runId}/${fileName}`,
      renderer.render(staged.columns, staged.rows),
      renderer.contentType,
    );
    const now = deps.clock();
    const retentionDays = tenant?.doc.retentionDays ?? 30;
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
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + retentionDays * 86_400_000).toISOString(),
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
    return { ok: true as const, artifactId, bytes: stored.bytes };
  });
}
