import { quotaAlertTargetKey, type DeliveryRecord } from '../../contracts/delivery';
import type { QuotaAlertMarkers } from '../../ports/quota-alert-markers';
import { parseQuotaAlertName } from '../quotas/quota-alerts';
import { readTenantSettings } from '../tenants/tenant-settings';
import type { SignatureLedger } from '../../ports/event-trigger-stores';
import type { DocumentTable } from '../../ports/document-store';
import type { ExpiredRecordRemover, ExpiringStore, HousekeepingIndex } from '../../ports/housekeeping-index';
import type { IdempotencyStore } from '../../ports/idempotency-store';
import type { Repositories } from '../../ports/repositories';
import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { DispatchLedger } from '../../ports/subscription-stores';

/** A subscription's dispatch record is its delivery receipt for 30 days after its last attempt. */
export const DISPATCH_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;
const dispatchExpiry = (updatedAt: string) =>
  new Date(new Date(updatedAt).getTime() + DISPATCH_RETENTION_DAYS * DAY_MS).toISOString();

/** How long after being marked a crossing's alert marker is looked at again (kept while the crossing is open). */
export const CROSSING_MARKER_RECHECK_DAYS = 30;
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();
const isDay = (period: string) => /^\d{4}-\d{2}-\d{2}$/.test(period);

/**
 * When a quota alert's marker may go: a daily quota's the day after its period ends (nothing counts for a
 * day once it is over; a day of margin for late counts and clock skew); a crossing's (schedules) after
 * CROSSING_MARKER_RECHECK_DAYS, and only if its crossing is over by then (see the remover).
 */
export function quotaAlertMarkerExpiry(key: string, markedAt: string): string {
  const parsed = parseQuotaAlertName(key);
  if (parsed && isDay(parsed.period)) return plusDays(`${parsed.period}T00:00:00.000Z`, 2);
  return plusDays(markedAt, CROSSING_MARKER_RECHECK_DAYS);
}

/**
 * When a delivery record may go: a quota alert's receipt after the tenant's retention days (it has no
 * artifact, and the tenant's retention is how long its history is kept); any other when the last of its
 * artifacts expires (its link is dead then); null while one is unknown.
 */
async function deliveryExpiry(repos: Repositories, record: DeliveryRecord): Promise<string | null> {
  if (record.targetId === quotaAlertTargetKey) {
    const { retentionDays } = await readTenantSettings(repos, record.tenantId, new Date(record.createdAt));
    return plusDays(record.createdAt, retentionDays);
  }
  let latest = '';
  for (const id of record.artifactIds) {
    const artifact = await repos.artifacts.get(record.tenantId, id);
    if (artifact && artifact.doc.expiresAt > latest) latest = artifact.doc.expiresAt;
  }
  return latest || null;
}

/**
 * The stores as the app writes them, each write also putting the record's expiry into the housekeeping
 * index. Decorators, so the use cases and the adapters stay as they are.
 */
export function indexExpiringWrites(index: HousekeepingIndex, repos: Repositories) {
  const add = (store: ExpiringStore, tenantId: string, key: string, expiresAt: string) =>
    index.add({ store, tenantId, key, expiresAt });
  return {
    idempotency: (store: IdempotencyStore): IdempotencyStore => ({
      ...store,
      async insert(tenantId, id, record) {
        await add('idempotency', tenantId, id, record.expiresAt);
        return store.insert(tenantId, id, record);
      },
      async replace(tenantId, id, record, etag) {
        await add('idempotency', tenantId, id, record.expiresAt);
        return store.replace(tenantId, id, record, etag);
      },
    }),
    dispatches: (ledger: DispatchLedger): DispatchLedger => ({
      ...ledger,
      async put(tenantId, record) {
        await add(
          'dispatch',
          tenantId,
          `${record.subscriptionId}|${record.eventId}`,
          dispatchExpiry(record.updatedAt),
        );
        return ledger.put(tenantId, record);
      },
    }),
    signatures: (ledger: SignatureLedger): SignatureLedger => ({
      ...ledger,
      async record(tenantId, triggerId, signature, expiresAt) {
        await add('signature', tenantId, `${triggerId}|${signature}`, expiresAt.toISOString());
        return ledger.record(tenantId, triggerId, signature, expiresAt);
      },
    }),
    quotaAlertMarkers: (markers: QuotaAlertMarkers): QuotaAlertMarkers => ({
      ...markers,
      async mark(tenantId, key, now) {
        await add('quotaAlert', tenantId, key, quotaAlertMarkerExpiry(key, now.toISOString()));
        return markers.mark(tenantId, key, now);
      },
    }),
    deliveries: (ledger: DocumentTable<DeliveryRecord>): DocumentTable<DeliveryRecord> => ({
      ...ledger,
      async insert(tenantId, record) {
        const expiresAt = await deliveryExpiry(repos, record);
        if (expiresAt) await add('delivery', tenantId, record.id, expiresAt);
        return ledger.insert(tenantId, record);
      },
    }),
  };
}

/** How each store removes one record, after checking that it is still expired. */
export function expiredRecordRemovers(deps: {
  repos: Repositories;
  idempotency: IdempotencyStore;
  dispatches: DispatchLedger;
  signatures: SignatureLedger;
  deliveries: DocumentTable<DeliveryRecord>;
  markers: QuotaAlertMarkers;
  index: HousekeepingIndex;
  /** Short-lived blobs (previewed PDFs, export zips): the key is the blob's name. */
  blobs: Pick<ArtifactBlobStore, 'delete'>;
}): Record<ExpiringStore, ExpiredRecordRemover> {
  const split = (key: string) => {
    const at = key.indexOf('|');
    return [key.slice(0, at), key.slice(at + 1)] as const;
  };
  return {
    async idempotency(tenantId, key, now) {
      const found = await deps.idempotency.get(tenantId, key);
      if (!found || found.record.expiresAt > now.toISOString()) return false;
      await deps.idempotency.remove(tenantId, key, found.etag);
      return true;
    },
    async dispatch(tenantId, key, now) {
      const [subscriptionId, eventId] = split(key);
      const found = await deps.dispatches.get(tenantId, subscriptionId, eventId);
      if (!found || dispatchExpiry(found.updatedAt) > now.toISOString()) return false;
      await deps.dispatches.remove(tenantId, subscriptionId, eventId);
      return true;
    },
    async signature(tenantId, key) {
      // Insert-once: the row's window is the entry's, and the entry is due.
      const [triggerId, signature] = split(key);
      await deps.signatures.remove(tenantId, triggerId, signature);
      return true;
    },
    async blob(tenantId, key) {
      // Written once with its expiry: the entry is due, so is the blob (already gone is fine).
      await deps.blobs.delete(tenantId, key);
      return true;
    },
    async delivery(tenantId, key, now) {
      const found = await deps.deliveries.get(tenantId, key);
      if (!found) return false;
      const expiresAt = await deliveryExpiry(deps.repos, found.doc);
      // Every artifact gone (retention deleted it) or past its expiry: the receipt describes a dead link.
      if (expiresAt && expiresAt > now.toISOString()) {
        // An artifact's expiry moved on: the receipt is due again then.
        await deps.index.add({ store: 'delivery', tenantId, key, expiresAt });
        return false;
      }
      await deps.deliveries.remove(tenantId, key);
      return true;
    },
    async quotaAlert(tenantId, key, now) {
      const markedAt = await deps.markers.markedAt(tenantId, key);
      if (!markedAt) return false;
      if (quotaAlertMarkerExpiry(key, markedAt) > now.toISOString()) return false;
      const parsed = parseQuotaAlertName(key);
      if (parsed && !isDay(parsed.period)) {
        // A crossing's marker stays while its crossing is open: without it the alert would go out again.
        if ((await deps.markers.currentCrossing(tenantId, parsed.quota)) === parsed.period) {
          const expiresAt = plusDays(now.toISOString(), CROSSING_MARKER_RECHECK_DAYS);
          await deps.index.add({ store: 'quotaAlert', tenantId, key, expiresAt });
          return false;
        }
      }
      await deps.markers.remove(tenantId, key);
      return true;
    },
  };
}
