import { odata } from '@azure/data-tables';
import type { SecretBox } from '../../app/event-triggers/secret-box';
import { SealedSecret } from '../../contracts/event-trigger';
import type { TenantSecretStore } from '../../ports/tenant-secret-store';
import { storageStatus } from '../table/storage-errors';
import type { TableService } from '../table/table-service';

interface SecretRow {
  sealed: string;
  updatedAt: string;
}

const sealContext = (tenantId: string, name: string) => `tenant-secret|${tenantId}|${name}`;

/**
 * Tenant secrets in Table storage (the local host, or Azure without a Key Vault): PartitionKey = tenant,
 * RowKey = name, the value sealed (AES-256-GCM, the server key that seals trigger secrets) with the tenant
 * and name as associated data — a row copied to another tenant or name does not open.
 */
export function createTableTenantSecretStore(
  tables: TableService,
  box: SecretBox,
  clock: () => Date,
): TenantSecretStore {
  const table = () => tables.table('tenantsecrets');
  return {
    async get(tenantId, name) {
      try {
        const row = await (await table()).getEntity<SecretRow>(tenantId, name);
        const sealed = SealedSecret.parse(JSON.parse(row.sealed));
        return { value: box.open(sealed, sealContext(tenantId, name)), updatedAt: row.updatedAt };
      } catch (err) {
        if (storageStatus(err) === 404) return undefined;
        throw err;
      }
    },
    async put(tenantId, name, value) {
      const updatedAt = clock().toISOString();
      const sealed = JSON.stringify(box.seal(value, sealContext(tenantId, name)));
      await (
        await table()
      ).upsertEntity({ partitionKey: tenantId, rowKey: name, sealed, updatedAt }, 'Replace');
      return { updatedAt };
    },
    async delete(tenantId, name) {
      try {
        await (await table()).deleteEntity(tenantId, name);
        return true;
      } catch (err) {
        if (storageStatus(err) === 404) return false;
        throw err;
      }
    },
    async list(tenantId) {
      const rows = (await table()).listEntities<SecretRow>({
        queryOptions: { filter: odata`PartitionKey eq ${tenantId}`, select: ['RowKey', 'updatedAt'] },
      });
      const names: { name: string; updatedAt: string }[] = [];
      for await (const row of rows) names.push({ name: String(row.rowKey), updatedAt: row.updatedAt });
      return names.sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
