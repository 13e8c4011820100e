import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Burst } from '../../contracts/schedule-burst';
import type { Column, Row } from '../../ports/data-source';
import {
  burstColumn,
  createColumnSplitter,
  parameterSlices,
  sliceBlobName,
  stagedSliceBlob,
  writeBurstManifest,
  type SliceEntry,
} from './burst-slices';
import { runQuery, stageBatches, type StageJob, type Staged } from './stage-rows';

const defaultMaxSlices = 500;
const sliceBatchRows = 1_000;
const parallelWrites = 8;

/** A slice's rows as batches (an async iterable, as a query's are). */
const inBatches = (rows: readonly Row[]): AsyncIterable<Row[]> =>
  Readable.from(
    Array.from({ length: Math.ceil(rows.length / sliceBatchRows) }, (_, i) =>
      rows.slice(i * sliceBatchRows, (i + 1) * sliceBatchRows),
    ),
    { objectMode: true },
  ) as AsyncIterable<Row[]>;

/** Runs `work` over the items, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * Column mode: the query runs once and the whole result is staged (the condition and `rowCount` see all of
 * it); on the way its rows are grouped by recipient. Once the condition passed, each recipient's rows are
 * staged as their own slice blob and the manifest written.
 */
export async function stageColumnSlices(
  job: StageJob,
  burst: Extract<Burst, { mode: 'column' }>,
): Promise<Staged> {
  const { runId, tenantId } = job.ref;
  const result = await runQuery(job);
  const splitter = createColumnSplitter(
    burst,
    burstColumn(result.columns, burst.column),
    job.deps.burstMaxSlices ?? defaultMaxSlices,
  );
  const staged = await stageBatches(job, `runs/${runId}/extract.ndjson`, result, {
    tap: (rows) => splitter.add(rows),
  });
  const slices = splitter.slices();
  const columns: Column[] = result.columns;
  // The slices are written without the condition watching: it has seen every row once already.
  const quiet: StageJob = { ...job, condition: null };
  return {
    stagedBlob: staged.blobName,
    columns: columns.map((c) => c.name),
    rowCount: staged.rowCount,
    dataHash: staged.sha256,
    burst: {
      summary: { mode: 'column', slices: slices.length, ...splitter.counts() },
      writeSlices: async () => {
        await eachLimited(slices, parallelWrites, async (s) => {
          await stageBatches(
            quiet,
            sliceBlobName(runId, s.key),
            { columns, batches: inBatches(s.rows) },
            { slice: { key: s.key, label: s.label } },
          );
        });
        const entries: SliceEntry[] = slices.map((s) => ({
          key: s.key,
          label: s.label,
          recipients: s.recipients,
          rowCount: s.rows.length,
        }));
        await writeBurstManifest(job.deps.blobs, tenantId, runId, { mode: 'column', slices: entries });
        return entries.map((s) => ({ key: s.key, rowCount: s.rowCount }));
      },
    },
  };
}

/**
 * Parameters mode: the query runs once per distinct parameter set, one after the other in this activity —
 * the tenant's database sees one query at a time, one cancel watch covers them all, and the condition reads
 * their union. Each result is staged as its slice blob.
 */
export async function stageParameterSlices(
  job: StageJob,
  burst: Extract<Burst, { mode: 'parameters' }>,
): Promise<Staged> {
  const { runId, tenantId } = job.ref;
  const slices = parameterSlices(burst, job.deps.burstMaxSlices ?? defaultMaxSlices);
  const entries: SliceEntry[] = [];
  const hashes: string[] = [];
  let columns: string[] | undefined;
  let rowCount = 0;
  for (const s of slices) {
    const result = await runQuery(job, { ...job.run.parameters, ...s.parameters });
    const staged = await stageBatches(job, sliceBlobName(runId, s.key), result, {
      slice: { key: s.key, label: s.label },
    });
    columns ??= result.columns.map((c) => c.name);
    rowCount += staged.rowCount;
    hashes.push(staged.sha256);
    entries.push({ key: s.key, label: s.label, recipients: s.recipients, rowCount: staged.rowCount });
  }
  return {
    stagedBlob: stagedSliceBlob(tenantId, runId, slices[0]!.key),
    columns: columns ?? [],
    rowCount,
    dataHash: createHash('sha256').update(hashes.join('|')).digest('hex'),
    burst: {
      summary: { mode: 'parameters', slices: entries.length, unassignedRows: 0, outsideDomains: 0 },
      writeSlices: async () => {
        await writeBurstManifest(job.deps.blobs, tenantId, runId, { mode: 'parameters', slices: entries });
        return entries.map((s) => ({ key: s.key, rowCount: s.rowCount }));
      },
    },
  };
}
