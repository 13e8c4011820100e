import type { DeliveryRecord } from '../../../../shared/contracts/delivery';
import { canRedrive } from './run-status';

/** One recipient's deliveries of a run (one per channel / target), worst first. */
export interface RecipientDeliveries {
  recipient: string;
  deliveries: DeliveryRecord[];
  /** The recipient did not get everything: at least one delivery failed or went dead. */
  failed: boolean;
}

const severity: Record<DeliveryRecord['status'], number> = {
  dead: 0,
  failed: 1,
  sending: 2,
  pending: 3,
  sent: 4,
};

export function groupDeliveriesByRecipient(deliveries: readonly DeliveryRecord[]): RecipientDeliveries[] {
  const byRecipient = new Map<string, DeliveryRecord[]>();
  for (const d of deliveries) byRecipient.set(d.recipient, [...(byRecipient.get(d.recipient) ?? []), d]);
  return [...byRecipient.entries()]
    .map(([recipient, list]) => {
      const sorted = [...list].sort((a, b) => severity[a.status] - severity[b.status]);
      return { recipient, deliveries: sorted, failed: sorted.some((d) => canRedrive(d.status)) };
    })
    .sort((a, b) => Number(b.failed) - Number(a.failed) || a.recipient.localeCompare(b.recipient));
}

/** The deliveries "redrive failed only" sends again. */
export const redrivableDeliveries = (deliveries: readonly DeliveryRecord[]): DeliveryRecord[] =>
  deliveries.filter((d) => canRedrive(d.status));

/** What the provider answered, in one line: SMTP/HTTP code, message id, note. */
export function describeProviderResponse(d: DeliveryRecord): string {
  const parts = [
    d.statusCode === null ? null : `${d.channel === 'email' ? 'SMTP' : 'HTTP'} ${d.statusCode}`,
    d.providerMessageId ? `id ${d.providerMessageId}` : null,
    d.note,
  ].filter((p): p is string => p !== null && p !== '');
  return parts.length > 0 ? parts.join(' · ') : '—';
}
