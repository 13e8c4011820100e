import { Readable } from 'node:stream';
import type { ReportDefinition } from '../../contracts/report';
import type { ExecutionRun } from '../../contracts/run';
import type { RunRef } from '../../contracts/run-messages';
import type { BurstSummary } from '../../contracts/schedule-burst';
import { AppError } from '../../domain/errors';
import type { ParamValue, QueryResult, Row } from '../../ports/data-source';
import type { ConditionCheck } from '../conditions/schedule-condition';
import { applyTransforms } from '../transforms/apply-transforms';
import type { RunDeps } from './run-deps';
import { encodeStagedRows } from './staged-rows-format';

/** Resolves run parameters against the report's declared parameters: declared defaults, required ones present. */
export function resolveParameters(report: ReportDefinition, run: ExecutionRun): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const p of report.dataSource.parameters) {
    const value = run.parameters[p.name] ?? p.default;
    if (value === undefined) {
      if (p.required)
        throw new AppError('VALIDATION_ERROR', `Parameter "${p.name}" is required`, { field: p.name });
      continue;
    }
    values[p.name] = value;
  }
  return values;
}

/** What a staging wrote: the blob(s), the rows, and the hash the condition's `changed` compares. */
export interface Staged {
  stagedBlob: string;
  columns: string[];
  rowCount: number;
  dataHash: string;
  /** A bursting run: the slices to write once the condition passed, and what the run records. */
  burst?: {
    summary: BurstSummary;
    writeSlices: () => Promise<Array<{ key: string; rowCount: number }>>;
  };
}

/** Everything one staging needs. */
export interface StageJob {
  deps: RunDeps;
  ref: RunRef;
  report: ReportDefinition;
  run: ExecutionRun;
  signal: AbortSignal;
  condition: ConditionCheck | null;
}

/** Runs the report's query (with the run's parameters, or the ones given) through its transforms. */
export async function runQuery(job: StageJob, parameters = job.run.parameters) {
  const { deps, ref, report, run, signal } = job;
  const source = await deps.dataSources.resolve(ref.tenantId, report.dataSource.connectionId);
  const queried = await source.query({
    sql: report.dataSource.sql,
    params: resolveParameters(report, { ...run, parameters }),
    parameterOrder: report.dataSource.parameters.map((p) => p.name),
    ...deps.limits,
    signal,
  });
  return applyTransforms(report.transforms ?? [], queried);
}

/**
 * Streams batches into one staged blob (each shown to the condition, and to `tap`, on the way).
 * `slice` names the slice a bursting run's blob holds.
 */
export async function stageBatches(
  job: StageJob,
  blobName: string,
  result: QueryResult,
  options: { tap?: (rows: Row[]) => void; slice?: { key: string; label: string } } = {},
) {
  let rowCount = 0;
  const { condition } = job;
  const { tap } = options;
  async function* watched(): AsyncGenerator<Row[]> {
    for await (const batch of result.batches) {
      condition?.add(batch);
      tap?.(batch);
      yield batch;
    }
  }
  const staged = await job.deps.blobs.write(
    job.ref.tenantId,
    blobName,
    Readable.from(encodeStagedRows(result.columns, watched(), (n) => (rowCount += n), options.slice)),
    'application/x-ndjson',
  );
  return { blobName: staged.blobName, sha256: staged.sha256, rowCount };
}

/** No burst: the whole result in one staged blob. */
export async function stageWhole(job: StageJob): Promise<Staged> {
  const result = await runQuery(job);
  const staged = await stageBatches(job, `runs/${job.ref.runId}/extract.ndjson`, result);
  return {
    stagedBlob: staged.blobName,
    columns: result.columns.map((c) => c.name),
    rowCount: staged.rowCount,
    dataHash: staged.sha256,
  };
}
