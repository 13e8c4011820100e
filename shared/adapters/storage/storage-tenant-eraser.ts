import { odata, type TableClient } from '@azure/data-tables';
import type { BlobServiceClient } from '@azure/storage-blob';
import type { TenantStorageEraser } from '../../ports/tenant-eraser';
import { storageStatus } from '../table/storage-errors';
import type { TableService } from '../table/table-service';

/** Tables whose PartitionKey is the tenant: one partition each. */
export const tenantPartitionedTables = [
  'tenants',
  'reports',
  'schedules',
  'runs',
  'artifacts',
  'holidaycalendars',
  'deliverytargets',
  'eventtriggers',
  'auditevents',
  'datasources',
  'quotacounters',
  'idempotencykeys',
  'eventtriggersignatures',
  'subscriptions',
  'subscriptiondispatches',
  'deliveries',
  'tenantsecretindex',
  'tenantsecrets',
  'tenanterasures',
  'executionslots',
  'quotaalerts',
  'reportversions',
  'tenantexports',
];

/** The cross-tenant indexes (docs/tenancy.md), and how a tenant's rows are found in each. */
const sharedIndexes: {
  table: string;
  filter: (tenantId: string) => string;
  match?: (pk: string, t: string) => boolean;
}[] = [
  { table: 'dueindex', filter: (t) => odata`RowKey ge ${`${t}|`} and RowKey lt ${`${t}|\uffff`}` },
  // `gate-{yyyyMMdd}-{tenant}`: the tenant is a suffix of the PartitionKey, which no filter can say.
  {
    table: 'firegates',
    filter: () => odata`PartitionKey ge ${'gate-'}`,
    match: (pk, t) => pk.slice(14) === t,
  },
  { table: 'eventtriggerdirectory', filter: (t) => odata`tenantId eq ${t}` },
  { table: 'artifactexpiry', filter: (t) => odata`tenantId eq ${t}` },
  { table: 'housekeeping', filter: (t) => odata`tenantId eq ${t}` },
  { table: 'auditdays', filter: (t) => odata`RowKey eq ${t}` },
];

async function deleteRows(client: TableClient, filter: string, keep: (pk: string) => boolean = () => true) {
  let removed = 0;
  const rows = client.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } });
  for await (const row of rows) {
    if (!keep(String(row.partitionKey))) continue;
    try {
      await client.deleteEntity(String(row.partitionKey), String(row.rowKey));
      removed++;
    } catch (err) {
      if (storageStatus(err) !== 404) throw err;
    }
  }
  return removed;
}

/**
 * Erases a tenant from Table and Blob storage: its partition of every tenant-partitioned table, its rows of
 * the cross-tenant indexes, and every blob under `tenants/{tenantId}/` in the given containers.
 */
export function createStorageTenantEraser(deps: {
  tables: TableService;
  blobs: BlobServiceClient;
  containers: string[];
}): TenantStorageEraser {
  return {
    async erase(tenantId) {
      const counts: Record<string, number> = {};
      for (const table of tenantPartitionedTables)
        counts[table] = await deleteRows(await deps.tables.table(table), odata`PartitionKey eq ${tenantId}`);
      for (const index of sharedIndexes)
        counts[index.table] = await deleteRows(
          await deps.tables.table(index.table),
          index.filter(tenantId),
          index.match ? (pk) => index.match!(pk, tenantId) : undefined,
        );
      for (const name of deps.containers) {
        const container = deps.blobs.getContainerClient(name);
        if (!(await container.exists())) continue;
        let removed = 0;
        for await (const blob of container.listBlobsFlat({ prefix: `tenants/${tenantId}/` })) {
          await container.deleteBlob(blob.name, { deleteSnapshots: 'include' }).catch((err: unknown) => {
            if (storageStatus(err) !== 404) throw err;
          });
          removed++;
        }
        counts[`blob:${name}`] = removed;
      }
      return counts;
    },
  };
}
