import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { ArtifactExpiryIndex } from '../../ports/artifact-expiry-index';
import type { Repositories } from '../../ports/repositories';

/**
 * Retention: deletes every artifact whose expiry has passed — the file, then the record, then the index
 * entry, so a crash between two steps leaves an entry the next pass finishes (deleting twice is harmless).
 */
export async function deleteExpiredArtifacts(deps: {
  repos: Repositories;
  blobs: ArtifactBlobStore;
  expiry: ArtifactExpiryIndex;
  clock: () => Date;
}): Promise<{ deleted: number }> {
  const now = deps.clock();
  let deleted = 0;
  for (const entry of await deps.expiry.expiredBy(now)) {
    const artifact = await deps.repos.artifacts.get(entry.tenantId, entry.artifactId);
    if (artifact && artifact.doc.expiresAt <= now.toISOString()) {
      await deps.blobs.delete(entry.tenantId, artifact.doc.blobName);
      if (artifact.doc.thumbnailBlobName)
        await deps.blobs.delete(entry.tenantId, artifact.doc.thumbnailBlobName);
      if (artifact.doc.previewBlobName) await deps.blobs.delete(entry.tenantId, artifact.doc.previewBlobName);
      await deps.repos.artifacts.remove(entry.tenantId, entry.artifactId);
      deleted++;
    }
    await deps.expiry.remove(entry);
  }
  return { deleted };
}
