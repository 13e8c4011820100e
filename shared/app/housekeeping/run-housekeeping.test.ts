import { describe, expect, it } from 'vitest';
import { createTableDeliveryLedger } from '../../adapters/table/table-delivery-ledger';
import { createTableSignatureLedger } from '../../adapters/table/table-event-trigger-stores';
import { createTableHousekeepingIndex } from '../../adapters/table/table-housekeeping-index';
import { createTableIdempotencyStore } from '../../adapters/table/table-idempotency-store';
import { createTableQuotaAlertMarkers } from '../../adapters/table/table-quota-alert-markers';
import { createTableRepositories } from '../../adapters/table/table-repositories';
import { createTableDispatchLedger } from '../../adapters/table/table-subscription-stores';
import { createTableService } from '../../adapters/table/table-service';
import type { Artifact } from '../../contracts/artifact';
import { quotaAlertTargetKey, type DeliveryRecord } from '../../contracts/delivery';
import { emailDelivery } from '../deliveries/testing/delivery-records';
import type { IdempotencyRecord } from '../../ports/idempotency-store';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { expiredRecordRemovers, indexExpiringWrites } from './expiring-stores';
import { runHousekeeping } from './run-housekeeping';

const H = 3_600_000;
const T0 = new Date('2026-03-01T10:00:00Z').getTime();
const at = (hours: number) => new Date(T0 + hours * H);

/** Every store on fresh tables, written through the expiry-indexing decorators as the app writes them. */
function setup() {
  const tables = createTableService(
    { connectionString: testConnectionString() },
    { prefix: uniqueName('hk') },
  );
  const repos = createTableRepositories(tables);
  const index = createTableHousekeepingIndex(tables);
  const expiring = indexExpiringWrites(index, repos);
  const stores = {
    idempotency: expiring.idempotency(createTableIdempotencyStore(tables)),
    dispatches: expiring.dispatches(createTableDispatchLedger(tables)),
    signatures: expiring.signatures(createTableSignatureLedger(tables)),
    deliveries: expiring.deliveries(createTableDeliveryLedger(tables)),
    markers: expiring.quotaAlertMarkers(createTableQuotaAlertMarkers(tables)),
  };
  let now = at(0);
  const deps = {
    index,
    removers: expiredRecordRemovers({ repos, ...stores, index, blobs: { delete: () => Promise.resolve() } }),
    clock: () => now,
  };
  return { repos, index, stores, deps, setNow: (d: Date) => (now = d) };
}

const idem = (createdHours: number): IdempotencyRecord => ({
  fingerprint: 'f'.repeat(64),
  state: 'completed',
  response: { status: 201, body: { ok: true }, headers: {} },
  createdAt: at(createdHours).toISOString(),
  expiresAt: at(createdHours + 24).toISOString(),
  lockedUntil: at(createdHours).toISOString(),
});

const artifact = (tenantId: string, id: string, expiresAt: Date): Artifact => ({
  id,
  tenantId,
  runId: 'run1',
  reportId: 'rep1',
  format: 'csv',
  contentType: 'text/csv',
  bytes: 3,
  checksum: 'a'.repeat(64),
  blobName: `tenants/${tenantId}/x.csv`,
  fileName: 'x.csv',
  createdAt: at(0).toISOString(),
  expiresAt: expiresAt.toISOString(),
});

const delivery = (tenantId: string, id: string, artifactIds: string[]): DeliveryRecord =>
  emailDelivery({
    id,
    tenantId,
    runId: 'run1',
    reportId: 'rep1',
    artifactIds,
    recipient: 'a@example.test',
    createdAt: at(0).toISOString(),
  });

describe('hourly housekeeping through the expiry index', () => {
  it('removes idempotency keys after 24 h, unless the key was taken over and renewed', async () => {
    const { stores, deps, setNow } = setup();
    const tenant = uniqueName('t');
    await stores.idempotency.insert(tenant, 'k-old', idem(0));
    await stores.idempotency.insert(tenant, 'k-renewed', idem(0));
    const renewed = await stores.idempotency.get(tenant, 'k-renewed');
    await stores.idempotency.replace(tenant, 'k-renewed', idem(20), renewed!.etag);

    setNow(at(23));
    expect(await runHousekeeping(deps)).toMatchObject({ idempotency: 0, kept: 0 });
    setNow(at(25));
    expect(await runHousekeeping(deps)).toMatchObject({ idempotency: 1, kept: 1 });
    expect(await stores.idempotency.get(tenant, 'k-old')).toBeUndefined();
    expect(await stores.idempotency.get(tenant, 'k-renewed')).toBeDefined();
    setNow(at(45));
    expect(await runHousekeeping(deps)).toMatchObject({ idempotency: 1, kept: 0 });
    expect(await stores.idempotency.get(tenant, 'k-renewed')).toBeUndefined();
  });

  it('removes dispatch records 30 days after their last attempt, and signatures after their window', async () => {
    const { stores, deps, setNow } = setup();
    const [tenant, other] = [uniqueName('t'), uniqueName('t')];
    const dispatch = {
      subscriptionId: 'sub1',
      eventId: 'ev1',
      eventType: 'run.succeeded' as const,
      status: 'sent' as const,
      attempts: 1,
      statusCode: 200,
      latencyMs: 5,
      error: null,
      nextAttemptAt: null,
      updatedAt: at(0).toISOString(),
    };
    await stores.dispatches.put(tenant, dispatch);
    await stores.dispatches.put(other, { ...dispatch, updatedAt: at(24 * 10).toISOString() });
    await stores.signatures.record(tenant, 'trig1', '1772359200|9f86d081884c7d65', at(1));
    expect(await stores.signatures.record(tenant, 'trig1', '1772359200|9f86d081884c7d65', at(1))).toBe(false);

    setNow(at(24 * 30 + 1));
    expect(await runHousekeeping(deps)).toMatchObject({ dispatch: 1, signature: 1 });
    expect(await stores.dispatches.get(tenant, 'sub1', 'ev1')).toBeUndefined();
    expect(await stores.dispatches.get(other, 'sub1', 'ev1')).toBeDefined();
    // The signature is forgotten: its timestamp is outside the window anyway, so a replay is refused there.
    expect(await stores.signatures.record(tenant, 'trig1', '1772359200|9f86d081884c7d65', at(1))).toBe(true);
  });

  it('removes delivery receipts when the last of their artifacts expires, and follows an expiry that moved', async () => {
    const { repos, stores, deps, setNow } = setup();
    const tenant = uniqueName('t');
    await repos.artifacts.insert(tenant, artifact(tenant, 'a1', at(48)));
    await repos.artifacts.insert(tenant, artifact(tenant, 'a2', at(72)));
    await stores.deliveries.insert(tenant, delivery(tenant, 'd-both', ['a1', 'a2']));
    await stores.deliveries.insert(tenant, delivery(tenant, 'd-one', ['a1']));

    setNow(at(49));
    expect(await runHousekeeping(deps)).toMatchObject({ delivery: 1 });
    expect(await stores.deliveries.get(tenant, 'd-one')).toBeUndefined();
    expect(await stores.deliveries.get(tenant, 'd-both')).toBeDefined();

    // a2's retention was extended before it expired: the receipt waits for it.
    const a2 = await repos.artifacts.get(tenant, 'a2');
    await repos.artifacts.replace(tenant, { ...a2!.doc, expiresAt: at(100).toISOString() }, a2!.etag);
    setNow(at(73));
    expect(await runHousekeeping(deps)).toMatchObject({ delivery: 0, kept: 1 });
    setNow(at(101));
    expect(await runHousekeeping(deps)).toMatchObject({ delivery: 1 });
    expect(await stores.deliveries.get(tenant, 'd-both')).toBeUndefined();
  });

  it("removes a quota alert's receipt after the tenant's retention days", async () => {
    const { repos, stores, deps, setNow } = setup();
    const tenant = uniqueName('t');
    const createdAt = at(0).toISOString();
    await repos.tenants.insert(tenant, {
      id: tenant,
      name: 'Acme',
      tier: 'standard',
      timezone: 'UTC',
      retentionDays: 7,
      createdAt,
    });
    const alert = {
      ...delivery(tenant, 'd-alert', []),
      targetId: quotaAlertTargetKey,
      runId: 'quota-schedules-x-80',
    };
    await stores.deliveries.insert(tenant, alert);

    setNow(at(7 * 24 - 1));
    expect(await runHousekeeping(deps)).toMatchObject({ delivery: 0, kept: 0 });
    setNow(at(7 * 24 + 1));
    expect(await runHousekeeping(deps)).toMatchObject({ delivery: 1 });
    expect(await stores.deliveries.get(tenant, 'd-alert')).toBeUndefined();
  });

  it("removes a daily quota's alert markers after their day, a crossing's only once the crossing is over", async () => {
    const { stores, deps, setNow } = setup();
    const tenant = uniqueName('t');
    const daily = 'quota-executionsPerDay-2026-03-01-80';
    await stores.markers.mark(tenant, daily, at(0));
    const crossing = await stores.markers.openCrossing(tenant, 'schedules', at(0));
    const schedules = `quota-schedules-${crossing}-80`;
    await stores.markers.mark(tenant, schedules, at(0));

    // The day's marker stays through its day (and one of margin): no second alert that day.
    setNow(new Date('2026-03-02T23:00:00Z'));
    expect(await runHousekeeping(deps)).toMatchObject({ quotaAlert: 0, kept: 0 });
    setNow(new Date('2026-03-03T00:30:00Z'));
    expect(await runHousekeeping(deps)).toMatchObject({ quotaAlert: 1 });
    expect(await stores.markers.has(tenant, daily)).toBe(false);

    // The crossing is still open after 30 days: its marker is kept (and looked at again 30 days later).
    setNow(at(30 * 24 + 1));
    expect(await runHousekeeping(deps)).toMatchObject({ quotaAlert: 0, kept: 1 });
    expect(await stores.markers.has(tenant, schedules)).toBe(true);
    await stores.markers.endCrossing(tenant, 'schedules');
    setNow(at(60 * 24 + 2));
    expect(await runHousekeeping(deps)).toMatchObject({ quotaAlert: 1 });
    expect(await stores.markers.has(tenant, schedules)).toBe(false);
  });

  it('reads only the hours that are due: a pass with nothing expired finds no entry', async () => {
    const { stores, index, setNow } = setup();
    const tenant = uniqueName('t');
    await stores.idempotency.insert(tenant, 'k', idem(0));
    setNow(at(1));
    expect(await index.dueBy(at(23))).toEqual([]);
    expect(await index.dueBy(at(24))).toEqual([
      { store: 'idempotency', tenantId: tenant, key: 'k', expiresAt: at(24).toISOString() },
    ]);
  });
});
