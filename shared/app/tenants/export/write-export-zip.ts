import archiver from 'archiver';
import { Readable } from 'node:stream';
import type { ArtifactBlobStore, StoredBlob } from '../../../ports/artifact-blob-store';
import type { ExportSection } from './export-sections';

/** Bumped when a file's layout changes, so a reader of old exports can tell. */
export const EXPORT_FORMAT_VERSION = 1;

const CHUNK_CHARS = 64 * 1024;

const asError = (err: unknown) => (err instanceof Error ? err : new Error('export section failed'));

/** NDJSON lines of a section in chunks of ~64 KB, counting the records as they pass. */
async function* ndjson(records: AsyncIterable<unknown>, counted: (n: number) => void) {
  let chunk = '';
  let count = 0;
  for await (const record of records) {
    chunk += `${JSON.stringify(record)}\n`;
    count++;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
  counted(count);
}

/**
 * Streams the export's zip into Blob storage: archiver reads one section at a time, each section reads its
 * store page by page, and the block blob upload holds a few blocks — memory stays flat however large the
 * tenant. The manifest goes last, when every count is known. A section that fails fails the whole write.
 */
export async function writeExportZip(
  blobs: ArtifactBlobStore,
  target: { tenantId: string; relativePath: string },
  content: { header: Record<string, unknown>; tenant: unknown; sections: ExportSection[] },
): Promise<{ stored: StoredBlob; counts: Record<string, number> }> {
  const archive = archiver('zip', { zlib: { level: 6 } });
  const counts: Record<string, number> = {};
  let failure: Error | undefined;
  const guarded = (source: AsyncIterable<string>) =>
    Readable.from(
      (async function* () {
        try {
          yield* source;
        } catch (err) {
          failure ??= asError(err);
          // Errors the archive, so the upload stops too (an abort would leave it waiting).
          archive.destroy(failure);
        }
      })(),
    );
  archive.append(`${JSON.stringify(content.tenant, null, 2)}\n`, { name: 'tenant.json' });
  for (const section of content.sections)
    archive.append(
      guarded(ndjson(section.records(), (n) => (counts[section.file.replace(/\.ndjson$/, '')] = n))),
      { name: section.file },
    );
  // Read only when its turn comes, after every section: the counts are final by then.
  const manifest = new Readable({
    read() {
      this.push(
        `${JSON.stringify({ ...content.header, formatVersion: EXPORT_FORMAT_VERSION, counts }, null, 2)}\n`,
      );
      this.push(null);
    },
  });
  archive.append(manifest, { name: 'manifest.json' });
  const finishing = archive.finalize();
  archive.on('warning', (err) => (failure ??= err));
  archive.on('error', (err) => (failure ??= err));
  const stored = await blobs.write(target.tenantId, target.relativePath, archive, 'application/zip');
  await finishing.catch((err: unknown) => (failure ??= asError(err)));
  if (failure) throw failure;
  return { stored, counts };
}
