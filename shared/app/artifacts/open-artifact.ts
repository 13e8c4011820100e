import type { Readable } from 'node:stream';
import type { Artifact } from '../../contracts/artifact';
import { toArtifactResource } from '../../contracts/run-resources';
import { notFound } from '../../domain/errors';
import { recordAudit } from '../audit/record-audit';
import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { Repositories } from '../../ports/repositories';

const signedUrlDays = 7;

export async function getArtifact(repos: Repositories, tenantId: string, id: string): Promise<Artifact> {
  const found = await repos.artifacts.get(tenantId, id);
  if (!found) throw notFound('Artifact', id);
  return found.doc;
}

/** Metadata plus a read-only signed URL valid 7 days. */
export async function describeArtifact(
  deps: { repos: Repositories; blobs: ArtifactBlobStore; clock: () => Date },
  tenantId: string,
  id: string,
) {
  return signArtifact(deps, tenantId, await getArtifact(deps.repos, tenantId, id));
}

/** An artifact's resource with a read-only signed URL valid 7 days (and one for its thumbnail). */
export async function signArtifact(
  deps: { blobs: ArtifactBlobStore; clock: () => Date },
  tenantId: string,
  artifact: Artifact,
) {
  const urlExpiresAt = new Date(deps.clock().getTime() + signedUrlDays * 86_400_000);
  const url = await deps.blobs.signedUrl(tenantId, artifact.blobName, {
    expiresAt: urlExpiresAt,
    downloadName: artifact.fileName,
  });
  const thumbnailUrl = artifact.thumbnailBlobName
    ? await deps.blobs.signedUrl(tenantId, artifact.thumbnailBlobName, { expiresAt: urlExpiresAt })
    : null;
  return { ...toArtifactResource(artifact), url, urlExpiresAt: urlExpiresAt.toISOString(), thumbnailUrl };
}

/** The file's bytes, with the access written to the audit trail (access to sensitive endpoints). */
export async function downloadArtifact(
  deps: { repos: Repositories; blobs: ArtifactBlobStore; clock: () => Date },
  actor: { tenantId: string; userId: string },
  id: string,
): Promise<{ artifact: Artifact; body: Readable }> {
  const artifact = await getArtifact(deps.repos, actor.tenantId, id);
  const body = await deps.blobs.openRead(actor.tenantId, artifact.blobName);
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, actor, {
    action: 'artifact.downloaded',
    entityType: 'artifact',
    entityId: id,
  });
  return { artifact, body };
}

/** A fresh 7-day signed URL for an artifact (renew-url); the renewal is audited. */
export async function renewArtifactUrl(
  deps: { repos: Repositories; blobs: ArtifactBlobStore; clock: () => Date },
  actor: { tenantId: string; userId: string },
  id: string,
) {
  const described = await describeArtifact(deps, actor.tenantId, id);
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, actor, {
    action: 'artifact.url_renewed',
    entityType: 'artifact',
    entityId: id,
    diff: { urlExpiresAt: described.urlExpiresAt },
  });
  return described;
}
