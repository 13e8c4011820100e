import type { OutputFormat } from '../../contracts/report';
import type { ExtractedData, RenderRequest, RunRef } from '../../contracts/run-messages';
import { stagedSliceBlob } from './burst-slices';

/**
 * The renders of a run after extract, with the rows each reads (for the render job's routing): one per
 * format, or — a bursting run — one per (slice, format), each reading only its slice's staged blob.
 */
export function renderRequests(
  ref: RunRef,
  formats: OutputFormat[],
  extracted: Pick<Extract<ExtractedData, { ok: true }>, 'stagedBlob' | 'rowCount' | 'slices'>,
): Array<{ request: RenderRequest; rowCount: number }> {
  if (!extracted.slices)
    return formats.map((format) => ({
      request: { ...ref, format, stagedBlob: extracted.stagedBlob },
      rowCount: extracted.rowCount,
    }));
  return extracted.slices.flatMap((slice) =>
    formats.map((format) => ({
      request: {
        ...ref,
        format,
        stagedBlob: stagedSliceBlob(ref.tenantId, ref.runId, slice.key),
        sliceKey: slice.key,
      },
      rowCount: slice.rowCount,
    })),
  );
}
