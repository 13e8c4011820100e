import type { DataSourceDeps } from './data-source-deps';

const SHOWN = 50;

/**
 * The ids of a tenant's reports that query data source `id`. There is no index by connection, so this
 * reads the tenant's reports in pages — only on delete.
 */
export async function reportsUsing(
  deps: Pick<DataSourceDeps, 'reports'>,
  tenantId: string,
  id: string,
): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.reports.list(tenantId, { limit: 100, cursor });
    for (const report of page.items) if (report.dataSource.connectionId === id) found.push(report.id);
    cursor = page.nextCursor;
  } while (cursor && found.length < SHOWN);
  return found;
}
