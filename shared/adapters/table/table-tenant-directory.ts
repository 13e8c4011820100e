import { odata } from '@azure/data-tables';
import { Tenant } from '../../contracts/tenant';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { decodeDoc } from './doc-codec';
import { readTablePage } from './read-table-page';
import type { TableService } from './table-service';

/** The main rows (`id|…`) of the tenants table across partitions, in tenant id order. */
export function createTableTenantDirectory(tables: TableService, tableName = 'tenants'): TenantDirectory {
  return {
    async list({ limit, cursor }) {
      const client = await tables.table(tableName);
      const page = await readTablePage(client, odata`RowKey ge ${'id|'} and RowKey lt ${'id}'}`, {
        limit,
        token: cursor,
      });
      const items = page.entities.flatMap((entity) => {
        const parsed = Tenant.safeParse(decodeDoc(entity));
        return parsed.success ? [parsed.data] : [];
      });
      return { items, nextCursor: page.continuationToken };
    },
  };
}
