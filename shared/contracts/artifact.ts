import { z } from 'zod';
import { Id, IsoDateTime, Sha256Hex, TenantId } from './primitives';
import { OutputFormat } from './report';

export const Artifact = z.strictObject({
  id: Id,
  tenantId: TenantId,
  runId: Id,
  reportId: Id,
  format: OutputFormat,
  contentType: z.string(),
  bytes: z.number().int().min(0),
  /** sha256 of the stored bytes, lower-case hex. */
  checksum: Sha256Hex,
  blobName: z.string(),
  fileName: z.string(),
  /** A PNG of page 1 (PDF artifacts), stored beside the file as `{file}.thumbnail.png`. */
  thumbnailBlobName: z.string().optional(),
  /** Page count (PDF artifacts). */
  pages: z.number().int().min(0).optional(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type Artifact = z.infer<typeof Artifact>;
