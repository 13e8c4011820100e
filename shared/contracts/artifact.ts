import { z } from 'zod';
import { Id, IsoDateTime, Sha256Hex, TenantId } from './primitives';
import { OutputFormat } from './report';
import { RunStatus } from './run';

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
  /** The first rows as JSON (XLSX artifacts), stored beside the file as `{file}.preview.json`. */
  previewBlobName: z.string().optional(),
  /** The report version of the run that made it (absent before versions existed). */
  reportVersion: z.number().int().min(1).optional(),
  /** Page count (PDF artifacts). */
  pages: z.number().int().min(0).optional(),
  /**
   * A bursting run's artifact: the slice it holds — `key` (a hash, never an address) and `label` (the
   * recipient address, or the slice's parameter values) — and who it is delivered to. Absent: the whole report.
   */
  slice: z.strictObject({ key: z.string(), label: z.string() }).optional(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  /**
   * The status of the run that made it: `running` while the run goes on, then its outcome (a failed run
   * may leave the formats it did render). Absent on artifacts stored before the field existed.
   */
  status: RunStatus.optional(),
});
export type Artifact = z.infer<typeof Artifact>;
