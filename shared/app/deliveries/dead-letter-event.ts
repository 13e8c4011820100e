import type { DeliveryRecord } from '../../contracts/delivery';
import type { SubscriptionEvent } from '../../contracts/subscription';
import { deliveryFailedEvent } from '../subscriptions/publish-event';

/**
 * The `delivery.failed` event of a dead-lettered delivery, built only from the stored record (so a
 * re-publish after a crash has the same id and body).
 */
export function deadLetterEvent(record: DeliveryRecord): SubscriptionEvent {
  return deliveryFailedEvent({
    tenantId: record.tenantId,
    deliveryId: record.id,
    runId: record.runId,
    reportId: record.reportId,
    scheduleId: record.scheduleId,
    targetId: record.targetId,
    channel: record.channel,
    recipient: record.recipient,
    attempts: record.attempts,
    redrives: record.redrives,
    error: record.error ?? { code: 'UNKNOWN', message: 'the delivery was dead-lettered' },
    failedAt: record.lastAttemptAt ?? record.createdAt,
  });
}
