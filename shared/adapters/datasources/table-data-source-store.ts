import { DataSourceDefinition } from '../../contracts/data-source';
import type { DocumentTable } from '../../ports/document-store';
import { createDocumentTable } from '../table/document-table';
import type { TableService } from '../table/table-service';

/** A tenant's data sources in Table storage (PartitionKey = tenant), listed by id; `byType` lists one type. */
export function createTableDataSourceStore(tables: TableService): DocumentTable<DataSourceDefinition> {
  return createDocumentTable(tables, {
    tableName: 'datasources',
    entityName: 'Data source',
    schema: DataSourceDefinition,
    id: (d) => d.id,
    indexes: { byType: (d) => d.type },
  });
}
