import { z } from 'zod';
import { Id, IsoDateTime, TenantId } from './primitives';
import { OutputFormat } from './report';
import { ParameterValues } from './schedule';
import { RunError } from './run';
import { Traceparent } from './traceparent';

/** The queue (Service Bus in Azure, Storage queue locally) that carries ExecutionRequested. */
export const executionQueueName = 'execution-requests';

/** The message a schedule fire (or a manual run) puts on the bus; its consumer starts the orchestration. */
export const ExecutionRequested = z.strictObject({
  tenantId: TenantId,
  runId: Id,
  reportId: Id,
  scheduleId: Id.nullable(),
  trigger: z.enum(['schedule', 'manual', 'event', 'retry']),
  fireTime: IsoDateTime.nullable(),
  parameters: ParameterValues,
  requestedBy: z.string(),
  /** Attempt number of a retried run (1 when absent). */
  attempt: z.number().int().min(1).optional(),
  /** The requester's trace (W3C), when it was not carried in the message's application properties. */
  traceparent: Traceparent.optional(),
});
export type ExecutionRequested = z.infer<typeof ExecutionRequested>;

/** At most this many fires in one ExecutionBatchRequested (and at most MAX_BATCH_BYTES of JSON). */
export const MAX_BATCH_FIRES = 50;
export const MAX_BATCH_BYTES = 32_000;

/**
 * The fires of one instant that one sweep found, of any tenants, in one message on the execution queue: each is
 * admitted exactly as if it had come alone (its run id still dedupes it), so the message only saves queue traffic
 * and lets a tenant's run rows share a transaction.
 */
export const ExecutionBatchRequested = z.strictObject({
  fires: z.array(ExecutionRequested).min(1).max(MAX_BATCH_FIRES),
});
export type ExecutionBatchRequested = z.infer<typeof ExecutionBatchRequested>;

/** What the execution queue carries: one requested run, or a sweep's batch of fires. */
export const ExecutionQueueMessage = z.union([ExecutionRequested, ExecutionBatchRequested]);
export type ExecutionQueueMessage = z.infer<typeof ExecutionQueueMessage>;

/** A bursting run's slice: a hash of its recipient or parameter set, never an address (burst-slices.ts). */
export const SliceKey = z.string().regex(/^[0-9a-f]{24}$/);

/** Orchestrator and activity I/O: small JSON — ids and blob names, never file bytes. */
export const RunRef = z.strictObject({
  tenantId: TenantId,
  runId: Id,
  /** The consumer span that started the orchestration: activities' spans are its children (docs/telemetry.md). */
  traceparent: Traceparent.optional(),
});
export type RunRef = z.infer<typeof RunRef>;

export const StepOutcome = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true) }),
  z.strictObject({ ok: z.literal(false), error: RunError }),
]);

export const StartedRun = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    formats: z.array(OutputFormat),
    /** Set when large renders go to the render job queue (RENDER_JOB_MIN_ROWS > 0): the settings the orchestrator cannot read. */
    renderJob: z
      .strictObject({ minRows: z.number().int().min(1), timeoutSeconds: z.number().int().min(1) })
      .optional(),
  }),
  z.strictObject({ ok: z.literal(false), error: RunError.nullable() }),
]);
export type StartedRun = z.infer<typeof StartedRun>;

export const ExtractedData = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    stagedBlob: z.string(),
    rowCount: z.number().int(),
    /** Set when the schedule's condition was false: the reason, and the run ends skipped. */
    skipped: z.string().optional(),
    /**
     * A bursting run's slices (keys and row counts only; addresses stay in the slice manifest blob). Each is
     * rendered on its own; `stagedBlob` then holds the whole extract (column mode) or the first slice.
     */
    slices: z.array(z.strictObject({ key: SliceKey, rowCount: z.number().int() })).optional(),
  }),
  z.strictObject({ ok: z.literal(false), error: RunError }),
]);
export type ExtractedData = z.infer<typeof ExtractedData>;

export const RenderRequest = RunRef.extend({
  format: OutputFormat,
  stagedBlob: z.string(),
  /** A bursting run renders per slice: the slice's key (its rows are in `stagedBlob`). */
  sliceKey: SliceKey.optional(),
});
export type RenderRequest = z.infer<typeof RenderRequest>;

export const RenderedArtifact = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), artifactId: Id, bytes: z.number().int() }),
  z.strictObject({ ok: z.literal(false), error: RunError }),
]);
export type RenderedArtifact = z.infer<typeof RenderedArtifact>;

export const FinishRequest = RunRef.extend({
  status: z.enum(['succeeded', 'failed', 'aborted', 'skipped']),
  error: RunError.nullable(),
  /** Total bytes of the artifacts written. */
  bytes: z.number().int().min(0).optional(),
  /** The formats rendered, for the generation-time metric's report_type label. */
  formats: z.array(OutputFormat).optional(),
});
export type FinishRequest = z.infer<typeof FinishRequest>;
