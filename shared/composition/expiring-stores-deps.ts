import type { SubscriptionServices } from '../adapters/subscriptions/create-subscription-services';
import type { createTableDeliveryLedger } from '../adapters/table/table-delivery-ledger';
import { createTableHousekeepingIndex } from '../adapters/table/table-housekeeping-index';
import { createTableIdempotencyStore } from '../adapters/table/table-idempotency-store';
import { createTableQuotaAlertMarkers } from '../adapters/table/table-quota-alert-markers';
import { createTableSignatureLedger } from '../adapters/table/table-event-trigger-stores';
import type { TableService } from '../adapters/table/table-service';
import { indexExpiringWrites } from '../app/housekeeping/expiring-stores';
import type { Repositories } from '../ports/repositories';

/**
 * The stores whose records expire, each writing an entry into the housekeeping index as it writes a record,
 * so the hourly pass finds what expired in O(expired) (docs/retention.md).
 */
export function createExpiringStores(
  tables: TableService,
  repos: Repositories,
  deliveryLedger: ReturnType<typeof createTableDeliveryLedger>,
) {
  const index = createTableHousekeepingIndex(tables);
  const expiring = indexExpiringWrites(index, repos);
  return {
    index,
    idempotency: expiring.idempotency(createTableIdempotencyStore(tables)),
    signatures: expiring.signatures(createTableSignatureLedger(tables)),
    deliveries: expiring.deliveries(deliveryLedger),
    quotaAlertMarkers: expiring.quotaAlertMarkers(createTableQuotaAlertMarkers(tables)),
    /** Dispatch records also go into the index as they are written. */
    withExpiringDispatches: (services: SubscriptionServices): SubscriptionServices => ({
      ...services,
      ledger: expiring.dispatches(services.ledger),
    }),
    /** A short-lived blob goes into the housekeeping index, removed by the hourly pass once expired. */
    expireBlob: (tenantId: string, blobName: string, expiresAt: string) =>
      index.add({ store: 'blob', tenantId, key: blobName, expiresAt }),
  };
}

export type ExpiringStores = ReturnType<typeof createExpiringStores>;
