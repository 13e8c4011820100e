import type { ExecutionRun } from '../../../../shared/contracts/run';
import { isDeliveryActive, isRunActive } from './run-status';
import type { DeliveryRecord } from '../../../../shared/contracts/delivery';

/** History: a new run must show within 5 s; while one is moving, its status changes faster. */
export const IDLE_POLL_MS = 4000;
export const ACTIVE_POLL_MS = 1500;

export function runsPollInterval(runs: readonly ExecutionRun[] | undefined): number {
  return runs?.some((r) => isRunActive(r.status)) ? ACTIVE_POLL_MS : IDLE_POLL_MS;
}

/**
 * One run: fast while it or one of its deliveries is moving; a final run with settled deliveries only
 * changes by a redrive or a retry, which the page triggers itself (and invalidates), so slow polling suffices.
 */
export function runDetailPollInterval(
  run: ExecutionRun | undefined,
  deliveries: readonly DeliveryRecord[] | undefined,
): number {
  if (!run || isRunActive(run.status)) return ACTIVE_POLL_MS;
  if (deliveries?.some((d) => isDeliveryActive(d.status))) return ACTIVE_POLL_MS;
  if (run.status === 'succeeded' && run.deliveries === undefined) return ACTIVE_POLL_MS; // deliveries being planned
  return IDLE_POLL_MS * 3;
}
