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

/** An artifact as the API shows it: the storage location stays inside. */
export const ArtifactResource = Artifact.omit({ blobName: true });
export type ArtifactResource = z.infer<typeof ArtifactResource>;

/** One artifact with a signed download URL (spec §9: 7-day expiry, renewable). */
export const ArtifactDetail = ArtifactResource.extend({ url: z.url(), urlExpiresAt: IsoDateTime });

export const ListArtifactsQuery = pageQuerySchema.extend({
  runId: Id.optional(),
  reportId: Id.optional(),
  format: OutputFormat.optional(),
});
