import { TenantExport } from '../../contracts/tenant-export';
import { newestFirstKey } from '../../domain/ids';
import type { DocumentTable } from '../../ports/document-store';
import { createDocumentTable } from './document-table';
import type { TableService } from './table-service';

/** `tenantexports`: PartitionKey the tenant; index `newest` (the list, and the "one running" check). */
export function createTableTenantExports(tables: TableService): DocumentTable<TenantExport> {
  return createDocumentTable(tables, {
    tableName: 'tenantexports',
    entityName: 'Export',
    schema: TenantExport,
    id: (e) => e.id,
    indexes: { newest: (e) => newestFirstKey(new Date(e.createdAt)) },
  });
}
