import { DeliveryRecord } from '../../contracts/delivery';
import { newestFirstKey } from '../../domain/ids';
import type { DocumentTable } from '../../ports/document-store';
import { createDocumentTable } from './document-table';
import type { TableService } from './table-service';

const newest = (iso: string) => newestFirstKey(new Date(iso));

/**
 * The delivery ledger: tenant-partitioned like every other record, replaced only under its ETag (the
 * claim that lets exactly one worker send). Indexes: `newest`, `byStatus` (status|newest — the dead
 * letters are `dead|`), `byRun` (runId|newest — receipts of a run or of one of its artifacts).
 */
export function createTableDeliveryLedger(tables: TableService): DocumentTable<DeliveryRecord> {
  return createDocumentTable(tables, {
    tableName: 'deliveries',
    entityName: 'Delivery',
    schema: DeliveryRecord,
    id: (d) => d.id,
    indexes: {
      newest: (d) => newest(d.createdAt),
      byStatus: (d) => `${d.status}|${newest(d.createdAt)}`,
      byRun: (d) => `${d.runId}|${newest(d.createdAt)}`,
    },
  });
}
