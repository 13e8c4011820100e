import { odata, TableClient, TableServiceClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { succeededRun } from '../../../test/support/run-records';
import { describe, expect, it } from 'vitest';
import { createBlobArtifactStore } from '../../adapters/blob/blob-artifact-store';
import { createBlobAuditArchive } from '../../adapters/blob/blob-audit-archive';
import { createTableTenantSecretStore } from '../../adapters/secrets/table-tenant-secret-store';
import {
  createStorageTenantEraser,
  tenantPartitionedTables,
} from '../../adapters/storage/storage-tenant-eraser';
import { createTableArtifactExpiryIndex } from '../../adapters/table/table-artifact-expiry-index';
import { createTableAuditLog } from '../../adapters/table/table-audit-log';
import {
  createTableSignatureLedger,
  createTableTriggerDirectory,
} from '../../adapters/table/table-event-trigger-stores';
import { createTableHousekeepingIndex } from '../../adapters/table/table-housekeeping-index';
import { createTableService } from '../../adapters/table/table-service';
import {
  createTableErasedTenants,
  createTableEraseRequests,
  createTablePlatformAuditLog,
} from '../../adapters/table/table-tenant-erasure';
import { createTableRepositories } from '../../adapters/table/table-repositories';
import { createTableDeliveryLedger } from '../../adapters/table/table-delivery-ledger';
import { emailDelivery } from '../deliveries/testing/delivery-records';
import { durableWorkOf } from '../../composition/retention-deps';
import type { OutgoingMessage } from '../../ports/message-bus';
import {
  tenantInstancePurgeQueueName,
  type TenantInstancesPurgeRequested,
} from '../../contracts/tenant-erase';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { createSecretBox } from '../event-triggers/secret-box';
import type { Principal } from '../auth/principal';
import { eraseTenant, requestTenantErase, type EraseTenantDeps } from './erase-tenant';

const connectionString = testConnectionString();

function setup() {
  const prefix = uniqueName('er');
  const tables = createTableService({ connectionString }, { prefix });
  const blobService = BlobServiceClient.fromConnectionString(connectionString);
  const containers = [uniqueName('art'), uniqueName('arch')];
  let now = new Date('2026-03-01T10:00:00Z');
  const clock = () => now;
  const secrets = createTableTenantSecretStore(tables, createSecretBox(randomBytes(32)), clock);
  const repos = createTableRepositories(tables);
  const ledger = createTableDeliveryLedger(tables);
  const published: { queue: string; message: OutgoingMessage }[] = [];
  const deps: EraseTenantDeps = {
    requests: createTableEraseRequests(tables),
    eraser: createStorageTenantEraser({ tables, blobs: blobService, containers }),
    secrets,
    platformAudit: createTablePlatformAuditLog(tables),
    erased: createTableErasedTenants(tables, clock),
    durableWork: durableWorkOf(repos, ledger),
    bus: {
      publish: (queue, message) => Promise.resolve(void published.push({ queue, message })),
      ping: () => Promise.resolve(),
    },
    clock,
  };
  const blobs = createBlobArtifactStore(blobService, containers[0]!);
  /** Something in every store the eraser knows, written through the adapters where they exist. */
  async function seed(tenantId: string) {
    for (const table of tenantPartitionedTables)
      await (await tables.table(table)).createEntity({ partitionKey: tenantId, rowKey: 'r1', note: 'x' });
    await (
      await tables.table('dueindex')
    ).createEntity({
      partitionKey: 'due-202603011000-03',
      rowKey: `${tenantId}|s1|2026-03-01T10:00:00.000Z`,
    });
    await (
      await tables.table('firegates')
    ).createEntity({ partitionKey: `gate-20260301-${tenantId}`, rowKey: 's1' });
    await createTableAuditLog(tables).append({
      id: 'e1',
      tenantId,
      actorId: 'u1',
      action: 'report.created',
      entityType: 'report',
      entityId: 'r1',
      timestamp: now.toISOString(),
      diff: null,
    });
    await createTableHousekeepingIndex(tables).add({
      store: 'idempotency',
      tenantId,
      key: 'k',
      expiresAt: now.toISOString(),
    });
    await createTableArtifactExpiryIndex(tables).add({
      tenantId,
      artifactId: 'a1',
      expiresAt: now.toISOString(),
    });
    await createTableTriggerDirectory(tables).register(`trig-${tenantId}`, tenantId);
    await createTableSignatureLedger(tables).record(tenantId, 'trig', '1|abc', now);
    await secrets.put(tenantId, 'smtp-password', 'hunter2');
    // A run (its Durable instance id is the run id) and a redriven delivery (two deliverOne instances).
    const runId = `run-${tenantId}`;
    await repos.runs.insert(tenantId, succeededRun({ id: runId, tenantId, reportId: 'r1' }));
    await ledger.insert(
      tenantId,
      emailDelivery({
        id: `dlv-${tenantId}`,
        tenantId,
        runId,
        reportId: 'r1',
        recipient: 'ops@example.test',
        createdAt: now.toISOString(),
        redrives: 1,
      }),
    );

    // A previewed PDF and an export zip: under the tenant's prefix of the artifact container.
    await blobs.write(tenantId, 'previews/0b7c/report.pdf', Buffer.from('%PDF'), 'application/pdf');
    await blobs.write(tenantId, 'exports/e1.zip', Buffer.from('PK'), 'application/zip');
    await createBlobArtifactStore(blobService, containers[0]!).write(
      tenantId,
      'r1/out.csv',
      Buffer.from('a,b'),
      'text/csv',
    );
    await createBlobAuditArchive(blobService, containers[1]!).writeDay(
      { tenantId, day: '2025-01-01' },
      createTableAuditLog(tables).read(tenantId, { from: '', to: '9999' }),
    );
  }
  /** Every row of every table under the prefix and every blob of the containers, as text. */
  async function everything(): Promise<string[]> {
    const found: string[] = [];
    const service = TableServiceClient.fromConnectionString(connectionString, {
      allowInsecureConnection: true,
    });
    for await (const table of service.listTables({
      queryOptions: { filter: odata`TableName ge ${prefix}` },
    })) {
      if (!table.name?.startsWith(prefix)) continue;
      const client = TableClient.fromConnectionString(connectionString, table.name, {
        allowInsecureConnection: true,
      });
      for await (const row of client.listEntities()) found.push(`${table.name}: ${JSON.stringify(row)}`);
    }
    for (const name of containers)
      for await (const blob of blobService.getContainerClient(name).listBlobsFlat())
        found.push(`${name}: ${blob.name}`);
    return found;
  }
  const purges = () =>
    published
      .filter((p) => p.queue === tenantInstancePurgeQueueName)
      .map((p) => p.message.body as TenantInstancesPurgeRequested);
  return { deps, seed, everything, purges, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

const admin = (tenantId: string): Principal => ({
  tenantId,
  userId: 'alice@example.test',
  roles: ['tenant_admin'],
});

describe('erasing a tenant', () => {
  it('leaves nothing of the tenant in any table or container, and the other tenant untouched', async () => {
    const { deps, seed, everything, purges } = setup();
    const [gone, kept] = [uniqueName('gone'), uniqueName('kept')];
    await seed(gone);
    await seed(kept);
    const before = (await everything()).filter((line) => line.includes(kept));

    const { confirmationToken } = await requestTenantErase(deps, admin(gone));
    const { removed } = await eraseTenant(deps, admin(gone), confirmationToken);
    // Two secrets: the one put through the store and the raw row seeded into its table.
    expect(removed).toMatchObject({
      secrets: 2,
      reports: 1,
      dueindex: 1,
      firegates: 1,
      auditdays: 1,
      durableInstances: 2,
    });
    // Its Durable instances go to the purge queue (the consumer derives their ids); the other's do not.
    expect(purges()).toEqual([{ runIds: [`run-${gone}`], deliveries: [{ id: `dlv-${gone}`, redrives: 1 }] }]);
    // Queue consumers drop its messages from now on (functions/queues/erased-tenant-messages.test.ts).
    expect(await deps.erased.isErased(gone)).toBe(true);
    expect(await deps.erased.isErased(kept)).toBe(false);

    const after = await everything();
    expect(after.filter((line) => line.includes(gone))).toEqual([]);
    expect(after.filter((line) => line.includes(kept))).toEqual(before);
    // The platform's record of the erase: the tenant as a hash, no user, counts only.
    const platform = after.filter((line) => line.includes('tenant.erased'));
    expect(platform).toHaveLength(1);
    expect(platform[0]).not.toContain('alice');
    expect(platform[0]).toContain('"actorRole":"tenant_admin"');
  });

  it('needs the confirmation token of a first call, for its own tenant, within 15 minutes; admins only', async () => {
    const { deps, seed, advance } = setup();
    const [tenant, other] = [uniqueName('t'), uniqueName('t')];
    await seed(tenant);
    await expect(eraseTenant(deps, admin(tenant), 'made-up')).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    const { confirmationToken } = await requestTenantErase(deps, admin(tenant));
    await expect(eraseTenant(deps, admin(other), confirmationToken)).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    await expect(
      eraseTenant(deps, { ...admin(tenant), roles: ['report_creator'] }, confirmationToken),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    advance(16 * 60_000);
    await expect(eraseTenant(deps, admin(tenant), confirmationToken)).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
  });
});
