import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { OutputFormat, ReportDefinition } from '../../contracts/report';
import type { PreviewOutput } from '../../contracts/report-preview';
import type { ExecutionRun } from '../../contracts/run';
import type { Tenant } from '../../contracts/tenant';
import type { Column, Row } from '../../ports/data-source';
import { sanitizeHtml } from '../artifacts/sanitize-html';
import { artifactFileName } from '../pipeline/render-artifact';
import { renderFormat } from '../pipeline/render-format';
import { asyncIterableOf } from './async-iterable-of';
import { PREVIEW_KEPT_MINUTES, type PreviewDeps } from './preview-deps';

export interface RenderedPreview {
  output: PreviewOutput;
  /** The file as a send would carry it (for attach-or-link); its URL when one was issued. */
  file: { fileName: string; bytes: number; url?: string };
}

async function bytesOf(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Renders the previewed rows with the run pipeline's own per-format code (renderFormat). HTML comes back
 * sanitized as the gallery serves it; CSV and JSON as text; a PDF is written under `previews/` (no
 * artifact record) and handed out as a signed URL that expires in minutes, with page 1 as a PNG.
 */
export async function renderPreview(
  deps: PreviewDeps,
  input: {
    report: ReportDefinition;
    run: ExecutionRun;
    tenant: Tenant | undefined;
    format: OutputFormat;
    columns: Column[];
    rows: Row[];
  },
): Promise<RenderedPreview> {
  const now = deps.clock();
  const rendered = await renderFormat(deps.renderers, input.format, {
    report: input.report,
    run: input.run,
    tenant: input.tenant,
    columns: input.columns,
    rows: asyncIterableOf(input.rows),
    now,
  });
  const body = await bytesOf(rendered.body);
  const fileName = artifactFileName(input.report.name, now, input.format);
  switch (input.format) {
    case 'html':
      return {
        output: { kind: 'html', html: sanitizeHtml(body.toString('utf8')) },
        file: { fileName, bytes: body.length },
      };
    case 'xlsx':
      // The workbook itself is binary: the preview shows its first rows as the sheet holds them.
      return {
        output: {
          kind: 'text',
          contentType: 'application/json',
          text: JSON.stringify(rendered.rowsPreview?.() ?? null, null, 2),
        },
        file: { fileName, bytes: body.length },
      };
    case 'csv':
    case 'json':
      return {
        output: { kind: 'text', contentType: rendered.contentType, text: body.toString('utf8') },
        file: { fileName, bytes: body.length },
      };
    case 'pdf': {
      const stored = await deps.blobs.write(
        input.run.tenantId,
        `previews/${randomUUID()}/${fileName}`,
        body,
        rendered.contentType,
      );
      const keptUntil = new Date(now.getTime() + PREVIEW_KEPT_MINUTES * 60_000).toISOString();
      await deps.expireBlob?.(input.run.tenantId, stored.blobName, keptUntil);
      const expiresAt = new Date(now.getTime() + deps.pdfUrlTtlMinutes * 60_000);
      const url = await deps.blobs.signedUrl(input.run.tenantId, stored.blobName, {
        expiresAt,
        downloadName: fileName,
      });
      return {
        output: {
          kind: 'pdf',
          url,
          expiresAt: expiresAt.toISOString(),
          bytes: body.length,
          ...(rendered.pages === undefined ? {} : { pages: rendered.pages }),
          ...(rendered.thumbnailPng
            ? { thumbnail: `data:image/png;base64,${rendered.thumbnailPng.toString('base64')}` }
            : {}),
        },
        file: { fileName, bytes: body.length, url },
      };
    }
  }
}
