import { z } from 'zod';
import { Id, IsoDateTime, TenantId } from './primitives';
import { ParameterValues } from './schedule-parameters';
import { BurstSummary } from './schedule-burst';

/**
 * `skipped`: recorded but not run — the schedule's condition was false after extract (nothing rendered or
 * delivered; `skipReason` says why), or its tenant was suspended (error code TENANT_SUSPENDED).
 */
export const RunStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'aborted', 'missed', 'skipped']);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunStep = z.strictObject({
  name: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
  durationMs: z.number().int().nullable(),
  /** How many times the step started in this run: more than 1 means its activity was retried. */
  attempts: z.number().int().min(1).optional(),
  /** The process that ran the step, where it can differ from the run's: a render sent to the render job. */
  workerId: z.string().optional(),
});
export type RunStep = z.infer<typeof RunStep>;

export const RunError = z.strictObject({
  code: z.string(),
  message: z.string(),
  suggestedFix: z.string().nullable(),
});
export type RunError = z.infer<typeof RunError>;

export const ExecutionRun = z.strictObject({
  id: Id,
  tenantId: TenantId,
  reportId: Id,
  scheduleId: Id.nullable(),
  trigger: z.enum(['schedule', 'manual', 'event', 'retry']),
  /** The schedule's intended fire time (UTC) for scheduled runs. */
  fireTime: IsoDateTime.nullable(),
  status: RunStatus,
  attempt: z.number().int().min(1),
  parameters: ParameterValues,
  steps: z.array(RunStep),
  rowCount: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  workerId: z.string().nullable(),
  error: RunError.nullable(),
  /** Why a `skipped` run sent nothing: the condition and the values it read. */
  skipReason: z.string().optional(),
  /** SHA-256 of the extracted data, kept when the schedule's condition reads `changed`. */
  dataHash: z.string().optional(),
  /** A bursting schedule's run: how many slices, and the rows and addresses sent to no one. */
  burst: BurstSummary.optional(),
  createdAt: IsoDateTime,
  startedAt: IsoDateTime.nullable(),
  endedAt: IsoDateTime.nullable(),
  /** The report version current when the run read its query (absent for reports saved before versions). */
  reportVersion: z.number().int().min(1).optional(),
  /** Outcome of the deliveries after generation (they do not change the run's status); absent before. */
  deliveries: z.strictObject({ sent: z.number().int().min(0), failed: z.number().int().min(0) }).optional(),
});
export type ExecutionRun = z.infer<typeof ExecutionRun>;
