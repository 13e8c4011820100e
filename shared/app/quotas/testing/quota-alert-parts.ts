// Test support (not shipped): what both quotas' alerts are built from, over the test Azurite.
import { testConnectionString, uniqueName } from '../../../../test/support/storage';
import { createLogger } from '../../../adapters/observability/create-logger';
import { createTableQuotaAlertMarkers } from '../../../adapters/table/table-quota-alert-markers';
import { createTableService } from '../../../adapters/table/table-service';
import type { Tenant } from '../../../contracts/tenant';
import type { SubscriptionEvent } from '../../../contracts/subscription';
import type { MessageBus, OutgoingMessage } from '../../../ports/message-bus';
import { createDeliveryTestKit } from '../../deliveries/testing/delivery-test-kit';
import { createTenantProfiles } from '../../tenants/tenant-profiles';

/**
 * The real markers, delivery ledger and tenant profiles; the email channel records what it was handed (SMTP
 * is covered by the channel's own tests), the bus records the send requests and `events` the published
 * events. `alerts` is what every quota alert needs but its `limitOf` (and, for schedules, `repos`).
 */
export function createQuotaAlertParts(tablePrefix: string) {
  const kit = createDeliveryTestKit();
  const tables = createTableService(
    { connectionString: testConnectionString() },
    { prefix: uniqueName(tablePrefix) },
  );
  const messages: OutgoingMessage[] = [];
  const bus: MessageBus = {
    publish: (_q, m) => (messages.push(m), Promise.resolve()),
    ping: () => Promise.resolve(),
  };
  const events: SubscriptionEvent[] = [];
  const clock = () => new Date();
  const alerts = {
    markers: createTableQuotaAlertMarkers(tables),
    ledger: kit.deps.ledger,
    bus,
    publishEvent: (e: SubscriptionEvent) => (events.push(e), Promise.resolve()),
    profiles: createTenantProfiles(kit.repos, clock),
    clock,
    log: createLogger({ service: 'test', level: 'silent' }),
  };
  return { kit, tables, messages, events, alerts };
}

/** The kit's tenant (Contoso, enterprise) whose alerts go to `alertEmails`, its limits as `overrides` set them. */
export function alertedTenant(
  kit: ReturnType<typeof createDeliveryTestKit>,
  fields: Pick<Tenant, 'alertEmails'> & Partial<Pick<Tenant, 'overrides'>>,
): Tenant {
  return {
    id: kit.tenantId,
    name: 'Contoso',
    tier: 'enterprise',
    timezone: 'UTC',
    retentionDays: 30,
    createdAt: new Date().toISOString(),
    ...fields,
  };
}
