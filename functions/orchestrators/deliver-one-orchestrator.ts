import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import { maxDeliveryAttempts } from '../../shared/app/deliveries/delivery-deps';
import { DeliverOneInput, DeliverOneResult } from '../../shared/contracts/delivery';
import type { RunRef } from '../../shared/contracts/run-messages';
import { activityRetry } from './activity-retry';
import { callActivity } from './typed-activities';

/** The sub-orchestration's instance id: one per delivery and redrive (0 = the run's own attempt). */
export const deliverOneInstanceId = (deliveryId: string, redrive = 0) => `dlv:${deliveryId}:${redrive}`;

/** Bounds the loop when another worker keeps holding the send lease (those rounds use no attempt). */
const maxRounds = maxDeliveryAttempts * 4;

/**
 * One delivery to one recipient: call `deliver`; on a transient failure (a value, ADR 0002) wait with a
 * durable timer for what the activity computed (capped exponential backoff, or the receiver's
 * Retry-After), up to 5 attempts; the activity dead-letters on the last. Storage failures are retried
 * by the activity policy; if they outlast it the delivery stays in the ledger as it was.
 */
const deliverOne: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = DeliverOneInput.parse(context.df.getInput());
  const retry = activityRetry();
  let attempts = 0;
  const result = (status: DeliverOneResult['status']): DeliverOneResult => ({
    deliveryId: input.deliveryId,
    status,
  });
  try {
    for (let round = 0; round < maxRounds; round++) {
      const final = attempts + 1 >= maxDeliveryAttempts;
      const outcome = yield* callActivity(context, 'deliver', { ...input, final }, retry);
      if (outcome.status !== 'retry') return result(outcome.status);
      if (outcome.attempted) attempts++;
      yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + outcome.afterMs));
    }
  } catch {
    // Retries of a storage failure exhausted: the record keeps its state (pending / sending).
  }
  return result('pending');
};

df.app.orchestration('deliverOne', deliverOne);

/**
 * The run's deliveries, after the artifacts are stored: plan the ledger records, deliver each in its own
 * sub-orchestration (in parallel), record `{sent, failed}` on the run. Never throws: a delivery problem
 * does not change the run's outcome.
 */
export function* deliverAll(
  context: OrchestrationContext,
  ref: RunRef,
): Generator<Task, { sent: number; failed: number }, unknown> {
  const retry = activityRetry();
  try {
    const planned = yield* callActivity(context, 'planDeliveries', ref, retry);
    if (planned.deliveryIds.length === 0) return { sent: 0, failed: 0 };
    const settled = (yield context.df.Task.all(
      planned.deliveryIds.map((deliveryId) =>
        context.df.callSubOrchestrator(
          'deliverOne',
          {
            tenantId: ref.tenantId,
            deliveryId,
            ...(ref.traceparent ? { traceparent: ref.traceparent } : {}),
          },
          deliverOneInstanceId(deliveryId),
        ),
      ),
    )) as unknown[];
    const results = settled.map((r) => DeliverOneResult.parse(r));
    const sent = results.filter((r) => r.status === 'sent').length;
    const summary = { ...ref, sent, failed: results.length - sent };
    yield* callActivity(context, 'recordDeliveries', summary, retry);
    return { sent, failed: summary.failed };
  } catch {
    return { sent: 0, failed: 0 };
  }
}
