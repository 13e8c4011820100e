import { odata } from '@azure/data-tables';
import type { TenantSecretStore } from '../../ports/tenant-secret-store';
import { storageStatus } from '../table/storage-errors';
import type { TableService } from '../table/table-service';

/**
 * Values in one store (Key Vault), names and update times in a Table storage index partitioned by tenant:
 * Key Vault lists a whole vault 25 at a time and cannot filter by prefix, so a tenant's list (and the
 * quota check of each PUT) would cost a walk through every tenant's secrets. The value is written first,
 * so an index row never names a secret that was not set.
 */
export function createIndexedTenantSecretStore(
  tables: TableService,
  values: TenantSecretStore,
): TenantSecretStore {
  const table = () => tables.table('tenantsecretindex');
  return {
    get: (tenantId, name) => values.get(tenantId, name),
    async put(tenantId, name, value) {
      const { updatedAt } = await values.put(tenantId, name, value);
      await (await table()).upsertEntity({ partitionKey: tenantId, rowKey: name, updatedAt }, 'Replace');
      return { updatedAt };
    },
    async delete(tenantId, name) {
      const deleted = await values.delete(tenantId, name);
      try {
        await (await table()).deleteEntity(tenantId, name);
        return true;
      } catch (err) {
        if (storageStatus(err) === 404) return deleted;
        throw err;
      }
    },
    async list(tenantId) {
      const rows = (await table()).listEntities<{ updatedAt: string }>({
        queryOptions: { filter: odata`PartitionKey eq ${tenantId}`, select: ['RowKey', 'updatedAt'] },
      });
      const names: { name: string; updatedAt: string }[] = [];
      for await (const row of rows) names.push({ name: String(row.rowKey), updatedAt: row.updatedAt });
      return names.sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
