import type { ExecutionBatchRequested, ExecutionRequested } from '../../contracts/run-messages';
import {
  admitExecutionRequest,
  waitForFireTime,
  type AdmissionDeps,
  type AdmissionOutcome,
} from './admit-execution-request';

export interface BatchAdmission {
  fire: ExecutionRequested;
  outcome: AdmissionOutcome;
}

/** The fire of the batch that is due first (a sweep batches one instant, so in practice all of them). */
function earliestFire(fires: readonly ExecutionRequested[]): ExecutionRequested {
  return fires.reduce((a, b) => (Date.parse(b.fireTime ?? '') < Date.parse(a.fireTime ?? '') ? b : a));
}

/**
 * Admits a batch of fires: each exactly as admitExecutionRequest admits a single message (its run row is the
 * record that it happened, its run id dedupes it, the quota is counted by the consumer whose insert created the
 * row), all at once after waiting out the batch's fire time once. Admitted together, a tenant's run rows share
 * one transaction and its quota one round (the adapters gather what arrives together).
 *
 * If any fire fails, the others are still admitted and then the batch fails, so the message is redelivered: the
 * fires already admitted are duplicates then (a 409 on their run row) and only the failed ones run.
 */
export async function admitExecutionBatch(
  deps: AdmissionDeps,
  batch: ExecutionBatchRequested,
): Promise<BatchAdmission[]> {
  await waitForFireTime(deps, earliestFire(batch.fires));
  const settled = await Promise.allSettled(batch.fires.map((fire) => admitExecutionRequest(deps, fire)));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((s, i) => ({
    fire: batch.fires[i]!,
    outcome: (s as PromiseFulfilledResult<AdmissionOutcome>).value,
  }));
}
