import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors';
import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { Repositories } from '../../ports/repositories';
import { getArtifact } from './open-artifact';
import { previewCsv, previewJson, type RowsPreview } from './preview-rows';
import { sanitizeHtml } from './sanitize-html';

/** Rows a CSV or JSON preview shows. */
export const previewRowLimit = 100;
/** Bytes of the first-rows JSON stored beside an XLSX artifact; it is written by the renderer, far smaller. */
const maxJsonPreviewBytes = 64 * 1024 * 1024;
/** Bytes of an HTML artifact a preview reads; a longer document is cut (and says so). */
const maxHtmlPreviewBytes = 4 * 1024 * 1024;

export type ArtifactPreview =
  | { kind: 'png'; body: Readable }
  | { kind: 'rows'; body: RowsPreview }
  | { kind: 'html'; body: string; truncated: boolean };

async function readPrefix(stream: Readable, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      chunks.push(buf);
      size += buf.length;
      if (size > maxBytes) {
        truncated = true;
        break;
      }
    }
  } finally {
    stream.destroy();
  }
  // A cut may split a UTF-8 sequence: the decoder turns the tail into U+FFFD, which is harmless here.
  return { text: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'), truncated };
}

/**
 * `GET /v1/artifacts/{id}/preview`: PDF → the PNG of page 1 made during the render; CSV and JSON → the
 * first 100 rows (parsed from the stored file, streamed, read no further than needed); XLSX → the first 100
 * rows the renderer stored beside the file (`{file}.preview.json`); HTML → the
 * document sanitized (no scripts, handlers or external URLs). Any role of the tenant may read it.
 */
export async function previewArtifact(
  deps: { repos: Repositories; blobs: ArtifactBlobStore },
  tenantId: string,
  id: string,
): Promise<ArtifactPreview> {
  const artifact = await getArtifact(deps.repos, tenantId, id);
  switch (artifact.format) {
    case 'pdf':
      if (!artifact.thumbnailBlobName)
        throw new AppError('NOT_FOUND', `Artifact ${id} has no thumbnail`, { id, reason: 'no_thumbnail' });
      return { kind: 'png', body: await deps.blobs.openRead(tenantId, artifact.thumbnailBlobName) };
    case 'csv':
      return {
        kind: 'rows',
        body: await previewCsv(await deps.blobs.openRead(tenantId, artifact.blobName), previewRowLimit),
      };
    case 'json':
      return {
        kind: 'rows',
        body: await previewJson(await deps.blobs.openRead(tenantId, artifact.blobName), previewRowLimit),
      };
    case 'xlsx': {
      if (!artifact.previewBlobName)
        throw new AppError('NOT_FOUND', `Artifact ${id} has no preview`, { id, reason: 'no_preview' });
      const stored = await readPrefix(
        await deps.blobs.openRead(tenantId, artifact.previewBlobName),
        maxJsonPreviewBytes,
      );
      return { kind: 'rows', body: JSON.parse(stored.text) as RowsPreview };
    }
    case 'html': {
      const read = await readPrefix(
        await deps.blobs.openRead(tenantId, artifact.blobName),
        maxHtmlPreviewBytes,
      );
      return { kind: 'html', body: sanitizeHtml(read.text), truncated: read.truncated };
    }
  }
}
