import type { ExecutionRun, RunError } from '../../contracts/run';
import type { CountedRunInserts, ExecutionQuota } from '../../ports/execution-quota';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { AppError } from '../../domain/errors';
import type { Repositories } from '../../ports/repositories';
import { updateRun } from './update-run';
import type { OrchestrationStarter } from '../../ports/orchestration-starter';
import type { AdmissionMetrics } from '../pipeline/run-metrics';
import { skipFireOfSuspendedTenant } from '../tenants/skip-fire-of-suspended-tenant';
import type { TenantProfiles } from '../tenants/tenant-profiles';
import { takeExecutionSlotOrRequeue, type SlotDeps } from './take-execution-slot';

export interface AdmissionDeps {
  repos: Repositories;
  clock: () => Date;
  orchestrations: OrchestrationStarter;
  /** The daily quota; one that can insert a run row with its count (`insertCounted`) does both in one write. */
  quota?: ExecutionQuota & Partial<CountedRunInserts>;
  /** Waits out the time until a fire (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
  admissionMetrics?: AdmissionMetrics;
  /** Tenant records: a suspended tenant's scheduled fires are recorded as skipped. */
  profiles?: TenantProfiles;
  /** Per-tenant concurrency: without a free slot the message goes back to the queue (`waiting`). */
  backPressure?: SlotDeps;
}

export type AdmissionOutcome = 'started' | 'duplicate' | 'over-quota' | 'skipped' | 'waiting';

/** A scheduled fire is not admitted before its fire time (waiting at most MAX_EARLY_MS: clock skew). */
export async function waitForFireTime(deps: AdmissionDeps, message: ExecutionRequested): Promise<void> {
  if (message.trigger !== 'schedule' || !message.fireTime) return;
  const early = Date.parse(message.fireTime) - deps.clock().getTime();
  if (early > 0) await (deps.sleep ?? sleep)(Math.min(early, MAX_EARLY_MS));
}

/** A message this early is not waited for longer (clock skew between publisher and consumer). */
const MAX_EARLY_MS = 2_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The run row an ExecutionRequested message becomes: queued, no steps yet. */
export function queuedRun(message: ExecutionRequested, now: Date): ExecutionRun {
  return {
    id: message.runId,
    tenantId: message.tenantId,
    reportId: message.reportId,
    scheduleId: message.scheduleId,
    trigger: message.trigger,
    fireTime: message.fireTime,
    status: 'queued',
    attempt: message.attempt ?? 1,
    parameters: message.parameters,
    steps: [],
    rowCount: null,
    bytes: null,
    workerId: null,
    error: null,
    createdAt: now.toISOString(),
    startedAt: null,
    endedAt: null,
  };
}

/**
 * Turns an ExecutionRequested message into exactly one run: the run row is the gate (insert → 409 means a
 * duplicate message), and the orchestration is started only if it does not exist yet, so a crash between the
 * two steps is healed by the redelivered message. A scheduled fire's message may become visible up to a second
 * before its fire time (Storage queue delays are whole seconds): nothing is done before the fire time.
 */
export async function admitExecutionRequest(
  deps: AdmissionDeps,
  message: ExecutionRequested,
): Promise<AdmissionOutcome> {
  await waitForFireTime(deps, message);
  const now = deps.clock();
  const run = queuedRun(message, now);
  // A scheduled fire counts against the daily quota here (other triggers were counted when requested).
  const quota = message.trigger === 'schedule' ? deps.quota : undefined;
  const insertCounted = quota?.insertCounted?.bind(quota);
  let inserted = true;
  let refusal: RunError | null = null;
  if (insertCounted && !(await isSuspended(deps, message))) {
    // The run row and its count in one write: a redelivered or duplicate message (the row exists) counts
    // nothing, and no crash can leave a fire's row without its count or a count without its row.
    const refused: { error?: RunError } = {};
    const refusedRun = (err: AppError): ExecutionRun => {
      refused.error = quotaRunError(err);
      return { ...run, status: 'failed', error: refused.error, endedAt: run.createdAt };
    };
    const { outcome } = await insertCounted(message.tenantId, run, now, refusedRun);
    inserted = outcome !== 'duplicate';
    if (outcome === 'over-quota') refusal = refused.error ?? null;
  } else {
    try {
      await deps.repos.runs.insert(message.tenantId, run);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      inserted = false;
    }
  }
  // The fire's lag: when its run actually begins, minus the fire time (once, by the inserting consumer).
  if (inserted && message.trigger === 'schedule' && message.fireTime) {
    const lagMs = deps.clock().getTime() - Date.parse(message.fireTime);
    deps.admissionMetrics?.schedulerNextFireLag.observe(Math.max(0, lagMs) / 1000);
  }
  if (refusal) {
    deps.admissionMetrics?.executionFailures.inc({ reason: refusal.code });
    return 'over-quota';
  }
  if (
    inserted &&
    deps.profiles &&
    (await skipFireOfSuspendedTenant({ ...deps, profiles: deps.profiles }, message))
  )
    return 'skipped';
  // A quota that cannot write a run row with its count (a fake in tests) counts after the insert, and only
  // where the insert created the row; a crash between the two lets that fire through uncounted.
  if (inserted && quota && !insertCounted) {
    const refusal = await quotaRefusal(quota, message, deps.clock());
    if (refusal) {
      await updateRun(deps.repos, message.tenantId, message.runId, (r) =>
        r.status === 'queued' ? { ...r, status: 'failed', error: refusal, endedAt: r.createdAt } : undefined,
      );
      deps.admissionMetrics?.executionFailures.inc({ reason: refusal.code });
      return 'over-quota';
    }
  }
  let queuedAt = run.createdAt;
  if (!inserted) {
    // Only this consumer starts instance `runId`, and only after the run row exists: a row this call inserted
    // means no instance yet, so these reads are needed only for a redelivered or duplicate message.
    const existing = await deps.repos.runs.get(message.tenantId, message.runId);
    if (existing && !['queued', 'running'].includes(existing.doc.status)) return 'duplicate';
    if (await deps.orchestrations.exists(message.runId)) return 'duplicate';
    queuedAt = existing?.doc.createdAt ?? queuedAt;
  }
  if (deps.backPressure && !(await takeExecutionSlotOrRequeue(deps.backPressure, message, queuedAt)))
    return 'waiting';
  await deps.orchestrations.start('reportRun', message.runId, {
    tenantId: message.tenantId,
    runId: message.runId,
    ...(message.traceparent ? { traceparent: message.traceparent } : {}),
  });
  return 'started';
}

/** A suspended tenant's fire is inserted uncounted and then recorded skipped (skipFireOfSuspendedTenant). */
async function isSuspended(deps: AdmissionDeps, message: ExecutionRequested): Promise<boolean> {
  if (!deps.profiles) return false;
  return ((await deps.profiles.get(message.tenantId)).status ?? 'active') !== 'active';
}

/** The error a fire over the daily quota is recorded with. */
function quotaRunError(err: AppError): RunError {
  return {
    code: err.code,
    message: err.message,
    suggestedFix: "Wait for tomorrow's quota or upgrade the tier.",
  };
}

async function quotaRefusal(
  quota: ExecutionQuota,
  message: ExecutionRequested,
  now: Date,
): Promise<RunError | null> {
  try {
    await quota.consume(message.tenantId, now);
    return null;
  } catch (err) {
    if (err instanceof AppError && err.code === 'QUOTA_EXCEEDED') return quotaRunError(err);
    throw err;
  }
}
