// Test support (not shipped): delivery records as the ledger stores them, for tests that seed one directly.
import { notAttemptedYet, type DeliveryRecord } from '../../../contracts/delivery';

/**
 * A schedule's email delivery that was sent on its first attempt (no link, no note, no error, never
 * redriven); `fields` name it and set what a test is about (status, attempts, times, link, redrives).
 */
export function emailDelivery(
  fields: Pick<DeliveryRecord, 'id' | 'tenantId' | 'runId' | 'reportId' | 'recipient'> &
    Partial<DeliveryRecord>,
): DeliveryRecord {
  return {
    scheduleId: null,
    artifactIds: [],
    targetId: 'schedule-email',
    channel: 'email',
    ...notAttemptedYet,
    status: 'sent',
    attempts: 1,
    createdAt: new Date().toISOString(),
    ...fields,
  };
}
