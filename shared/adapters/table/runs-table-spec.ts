import { ExecutionRun } from '../../contracts/run';
import { newestFirstKey } from '../../domain/ids';
import type { DocumentTableSpec } from './document-table';

const newest = (iso: string) => newestFirstKey(new Date(iso));

/**
 * The runs table: a tenant's runs in its partition, listed newest first, by report and by status. The same
 * partition holds the tenant's daily execution counter (`quota|executions|{day}`, table-execution-quota.ts), so
 * a scheduled fire's run row and its count are written in one transaction; no listing reads that row (they all
 * read `id|…` or an index prefix).
 */
export const runsTableSpec: DocumentTableSpec<ExecutionRun> = {
  tableName: 'runs',
  entityName: 'Run',
  schema: ExecutionRun,
  id: (r) => r.id,
  // Inserts of a tenant that arrive together (missed runs, manual runs) share one transaction.
  batchInserts: true,
  indexes: {
    newest: (r) => newest(r.createdAt),
    byReport: (r) => `${r.reportId}|${newest(r.createdAt)}`,
    byStatus: (r) => `${r.status}|${newest(r.createdAt)}`,
  },
};
