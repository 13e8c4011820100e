import { mdiEmailAlert, mdiSendClock } from '@mdi/js';
import type { DeliveryRecord } from '../../../../shared/contracts/delivery';
import type { ExecutionRun } from '../../../../shared/contracts/run';
import { isDeliveryActive, runStatusLook, type StatusLook } from './run-status';

/** The run's one-line verdict for its header: generation AND delivery, never green if anything failed. */
export interface RunOutcome {
  tone: StatusLook['color'];
  icon: string;
  title: string;
  detail: string | null;
}

interface DeliveryCounts {
  total: number;
  sent: number;
  failed: number;
  active: number;
}

export function countDeliveries(deliveries: readonly DeliveryRecord[]): DeliveryCounts {
  return {
    total: deliveries.length,
    sent: deliveries.filter((d) => d.status === 'sent').length,
    failed: deliveries.filter((d) => d.status === 'failed' || d.status === 'dead').length,
    active: deliveries.filter((d) => isDeliveryActive(d.status)).length,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * `deliveries` is the ledger of the run (all pages). When it is not loaded yet the run's own summary
 * (`run.deliveries`) stands in, so a partial delivery is never shown as a success.
 */
export function describeRunOutcome(
  run: ExecutionRun,
  deliveries: readonly DeliveryRecord[] | undefined,
): RunOutcome {
  const look = runStatusLook(run.status);
  if (run.status !== 'succeeded') {
    const detail = run.error
      ? `${run.error.code}: ${run.error.message}`
      : run.status === 'skipped'
        ? `Nothing was sent. ${run.skipReason ?? 'The schedule’s condition was false.'}`
        : null;
    return { tone: look.color, icon: look.icon, title: look.label, detail };
  }
  const counts = deliveries
    ? countDeliveries(deliveries)
    : run.deliveries
      ? {
          total: run.deliveries.sent + run.deliveries.failed,
          sent: run.deliveries.sent,
          failed: run.deliveries.failed,
          active: 0,
        }
      : undefined;
  if (!counts || counts.total === 0)
    return { tone: 'success', icon: look.icon, title: 'Succeeded', detail: 'Generated; nothing to deliver' };
  const of = `${counts.sent} of ${plural(counts.total, 'recipient')}`;
  if (counts.failed > 0)
    return {
      tone: counts.sent === 0 ? 'error' : 'warning',
      icon: mdiEmailAlert,
      title: counts.sent === 0 ? 'Generated, delivery failed' : 'Generated, delivered to ' + of,
      detail: `${plural(counts.failed, 'delivery', 'deliveries')} failed${counts.active > 0 ? `, ${counts.active} still sending` : ''}`,
    };
  if (counts.active > 0)
    return {
      tone: 'info',
      icon: mdiSendClock,
      title: 'Generated, delivering',
      detail: `Delivered to ${of} so far`,
    };
  return { tone: 'success', icon: look.icon, title: 'Succeeded', detail: `Delivered to ${of}` };
}
