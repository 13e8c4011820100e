import { TableClient, TableServiceClient } from '@azure/data-tables';
import { isInsecure, serviceUrl, type StorageTarget } from '../storage/storage-target';

/** Hands out one TableClient per table, creating each table once per process. */
export interface TableService {
  table(name: string): Promise<TableClient>;
  /** Readiness probe: lists one table page. */
  ping(): Promise<void>;
  /** Told about a stored row that no longer parses (a listing skips it rather than failing). */
  onUnreadableRow?: UnreadableRowHandler;
}

export type UnreadableRowHandler = (row: {
  table: string;
  tenantId: string;
  rowKey: string;
  reason: string;
}) => void;

export function createTableService(
  target: StorageTarget,
  options: { prefix?: string; onUnreadableRow?: UnreadableRowHandler } = {},
): TableService {
  const service =
    'connectionString' in target
      ? TableServiceClient.fromConnectionString(target.connectionString, {
          allowInsecureConnection: isInsecure(target.connectionString),
        })
      : new TableServiceClient(serviceUrl(target.accountName, 'table'), target.credential);
  const clientFor = (table: string) =>
    'connectionString' in target
      ? TableClient.fromConnectionString(target.connectionString, table, {
          allowInsecureConnection: isInsecure(target.connectionString),
        })
      : new TableClient(serviceUrl(target.accountName, 'table'), table, target.credential);
  const ready = new Map<string, Promise<TableClient>>();
  return {
    ...(options.onUnreadableRow ? { onUnreadableRow: options.onUnreadableRow } : {}),
    table(name) {
      const fullName = `${options.prefix ?? ''}${name}`;
      let client = ready.get(fullName);
      if (!client) {
        const tableClient = clientFor(fullName);
        client = tableClient.createTable().then(() => tableClient);
        client.catch(() => ready.delete(fullName));
        ready.set(fullName, client);
      }
      return client;
    },
    async ping() {
      const pages = service.listTables().byPage({ maxPageSize: 1 });
      await pages.next();
    },
  };
}
