import { TableClient, TableServiceClient } from '@azure/data-tables';

/** Hands out one TableClient per table, creating each table once per process. */
export interface TableService {
  table(name: string): Promise<TableClient>;
  /** Readiness probe: lists one table page. */
  ping(): Promise<void>;
}

export function createTableService(connectionString: string, options: { prefix?: string } = {}): TableService {
  const allowInsecureConnection = connectionString.includes('http://') || connectionString.includes('UseDevelopmentStorage');
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection });
  const ready = new Map<string, Promise<TableClient>>();
  return {
    table(name) {
      const fullName = `${options.prefix ?? ''}${name}`;
      let client = ready.get(fullName);
      if (!client) {
        const tableClient = TableClient.fromConnectionString(connectionString, fullName, { allowInsecureConnection });
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
