import type { TableClient } from '@azure/data-tables';
import type { TableService } from '../../shared/adapters/table/table-service';

export interface StorageCount {
  /** HTTP requests to the Table service (a batch is one). */
  requests: number;
  /** Entities in the bodies of successful GETs (query pages and point reads). */
  entitiesRead: number;
}

type Policy = Parameters<TableClient['pipeline']['addPolicy']>[0];

/** Entities in a Table service JSON response: a query page `{ value: [...] }`, or one entity. */
function entitiesIn(body: string): number {
  const parsed = JSON.parse(body) as { value?: unknown[] };
  return Array.isArray(parsed.value) ? parsed.value.length : 1;
}

/**
 * A TableService whose clients count what they send, with an SDK pipeline policy on each TableClient (added
 * after the client created its table, so table creation is not counted).
 */
export function countingTableService(inner: TableService): {
  tables: TableService;
  count: StorageCount;
  reset(): void;
} {
  const count: StorageCount = { requests: 0, entitiesRead: 0 };
  const instrumented = new WeakSet<TableClient>();
  const policy: Policy = {
    name: 'countTableRequests',
    async sendRequest(request, next) {
      count.requests++;
      const response = await next(request);
      if (request.method === 'GET' && response.status === 200 && response.bodyAsText)
        count.entitiesRead += entitiesIn(response.bodyAsText);
      return response;
    },
  };
  return {
    count,
    reset() {
      count.requests = 0;
      count.entitiesRead = 0;
    },
    tables: {
      async table(name) {
        const client = await inner.table(name);
        if (!instrumented.has(client)) {
          client.pipeline.addPolicy(policy);
          instrumented.add(client);
        }
        return client;
      },
      ping: () => inner.ping(),
    },
  };
}
