import type { ExecutionRun } from '../../../../shared/contracts/run';
import { isDeliveryActive, isRunActive } from './run-status';
import type { DeliveryRecord } from '../../../../shared/contracts/delivery';

/** History: a new run must show within 5 s; while one is moving, its status changes faster. */
export const IDLE_POLL_MS = 4000;
export const ACTIVE_POLL_MS = 2000;
/** A run page's deliveries while any is pending or sending. */
export const DELIVERY_POLL_MS = 2500;

export function runsPollInterval(runs: readonly ExecutionRun[] | undefined): number {
  return runs?.some((r) => isRunActive(r.status)) ? ACTIVE_POLL_MS : IDLE_POLL_MS;
}

/**
 * One run: fast while it moves; once final, its deliveries are polled on their own (DELIVERY_POLL_MS) and
 * the run only waits for its delivery summary; a final run with settled deliveries only changes by a
 * redrive or a retry, which the page triggers itself (and invalidates). The tenant's request budget
 * (100 a minute on the standard tier) is shared by every open tab.
 */
export function runDetailPollInterval(
  run: ExecutionRun | undefined,
  deliveries: readonly DeliveryRecord[] | undefined,
): number {
  if (!run || isRunActive(run.status)) return ACTIVE_POLL_MS;
  if (deliveries?.some((d) => isDeliveryActive(d.status))) return IDLE_POLL_MS;
  if (run.status === 'succeeded' && run.deliveries === undefined) return IDLE_POLL_MS; // deliveries being planned
  return IDLE_POLL_MS * 3;
}
