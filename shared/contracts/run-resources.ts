import { z } from 'zod';
import { Artifact } from './artifact';
import { pageQuerySchema } from './common';
import { Id, IsoDateTime } from './primitives';
import { OutputFormat } from './report';
import { RunStatus } from './run';

export { ExecutionRun as RunResource } from './run';

export const ListRunsQuery = pageQuerySchema.extend({
  reportId: Id.optional(),
  status: RunStatus.optional(),
});

/** An artifact as the API shows it: the storage locations stay inside. */
export const ArtifactResource = Artifact.omit({ blobName: true, thumbnailBlobName: true }).extend({
  /** Whether `GET /v1/artifacts/{id}/preview` answers a PNG of page 1 (PDF artifacts). */
  hasThumbnail: z.boolean(),
});
export type ArtifactResource = z.infer<typeof ArtifactResource>;

/** The API view of a stored artifact. */
export function toArtifactResource(artifact: Artifact): ArtifactResource {
  const { blobName: _blob, thumbnailBlobName, ...rest } = artifact;
  return { ...rest, hasThumbnail: thumbnailBlobName !== undefined };
}

/** One artifact with a signed download URL (spec §9: 7-day expiry, renewable), and one for its thumbnail. */
export const ArtifactDetail = ArtifactResource.extend({
  url: z.url(),
  urlExpiresAt: IsoDateTime,
  thumbnailUrl: z.url().nullable(),
});

export const ListArtifactsQuery = pageQuerySchema.extend({
  runId: Id.optional(),
  reportId: Id.optional(),
  format: OutputFormat.optional(),
});
