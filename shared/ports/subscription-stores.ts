import type { DispatchRecord } from '../contracts/subscription';
import type { Page } from './document-store';

/**
 * What became of each (subscription, event): sent, retrying or failed. The sender reads it first, so an
 * event already sent to a subscription is not sent again when its message comes twice (a re-published
 * event, a fan-out retried half-way, a local queue without duplicate detection).
 */
export interface DispatchLedger {
  get(tenantId: string, subscriptionId: string, eventId: string): Promise<DispatchRecord | undefined>;
  /** Writes the record (last writer wins: one subscription's event is sent by one message at a time). */
  put(tenantId: string, record: DispatchRecord): Promise<void>;
  /** Removes the record (housekeeping, once it is past retention); absent is fine. */
  remove(tenantId: string, subscriptionId: string, eventId: string): Promise<void>;
  /** A subscription's records (in event-id order: ids are derived, not time-ordered). */
  list(
    tenantId: string,
    subscriptionId: string,
    options: { cursor?: string | null; limit: number },
  ): Promise<Page<DispatchRecord>>;
}
