import type { DeliveryStep } from '../shared/app/deliveries/delivery-deps';
import type { CompositionHooks } from '../shared/composition/create-deps';

/**
 * Crash tests: the local host kills itself with SIGKILL at `step` of a delivery attempt — after the
 * claim, after the channel accepted, or after the receipt — so a test can restart it exactly there.
 */
export function deliveryCrashCheckpoint(step: DeliveryStep | undefined): CompositionHooks {
  if (!step) return {};
  return { deliveryCheckpoint: (at) => void (at === step && process.kill(process.pid, 'SIGKILL')) };
}
