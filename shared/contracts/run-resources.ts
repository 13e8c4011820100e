import { z } from 'zod';
import { Artifact } from './artifact';
import { DateBound } from './audit-resources';
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
export const ArtifactResource = Artifact.omit({
  blobName: true,
  thumbnailBlobName: true,
  previewBlobName: true,
}).extend({
  /** Whether `GET /v1/artifacts/{id}/preview` answers a PNG of page 1 (PDF artifacts). */
  hasThumbnail: z.boolean(),
});
export type ArtifactResource = z.infer<typeof ArtifactResource>;

/** The API view of a stored artifact. */
export function toArtifactResource(artifact: Artifact): ArtifactResource {
  const { blobName: _blob, thumbnailBlobName, previewBlobName: _preview, ...rest } = artifact;
  return { ...rest, hasThumbnail: thumbnailBlobName !== undefined };
}

/** One artifact with a signed download URL (7-day expiry, renewable), and one for its thumbnail. */
export const ArtifactDetail = ArtifactResource.extend({
  url: z.url(),
  urlExpiresAt: IsoDateTime,
  thumbnailUrl: z.url().nullable(),
});

export const ListArtifactsQuery = pageQuerySchema
  .extend({
    runId: Id.optional(),
    reportId: Id.optional(),
    format: OutputFormat.optional(),
    /** The status of the run that made the artifact. */
    status: RunStatus.optional(),
    /** Created from this day (UTC) or instant, inclusive. */
    startDate: DateBound.optional(),
    /** Created up to this day (the whole day, UTC) or instant, inclusive. */
    endDate: DateBound.optional(),
  })
  .refine((q) => !q.startDate || !q.endDate || startOf(q.startDate) <= endOf(q.endDate), {
    message: 'must not be before startDate',
    path: ['endDate'],
  });
export type ListArtifactsQuery = z.infer<typeof ListArtifactsQuery>;

const startOf = (bound: string) => Date.parse(bound.length === 10 ? `${bound}T00:00:00Z` : bound);
const endOf = (bound: string) =>
  bound.length === 10 ? Date.parse(`${bound}T00:00:00Z`) + 86_399_999 : Date.parse(bound);
