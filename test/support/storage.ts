import { randomBytes } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { inject } from 'vitest';
import { createTableService, type TableService } from '../../shared/adapters/table/table-service';

/** The connection string of the test run's Azurite (see global-azurite.ts). */
export function testConnectionString(): string {
  return inject('azuriteConnectionString');
}

/** A name no other test uses: tables, queues and containers are shared across the run. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`.toLowerCase();
}

/**
 * Tables on the test Azurite under a fresh prefix, with every Table request counted (an SDK pipeline policy
 * on each client): for tests of how many requests an operation costs. `inner` is the uncounted service.
 */
export function countedTestTables(prefix: string): {
  tables: TableService;
  inner: TableService;
  count: { requests: number };
} {
  const inner = createTableService(
    { connectionString: testConnectionString() },
    { prefix: uniqueName(prefix) },
  );
  const count = { requests: 0 };
  const seen = new WeakSet<TableClient>();
  const tables: TableService = {
    async table(name) {
      const client = await inner.table(name);
      if (!seen.has(client)) {
        seen.add(client);
        client.pipeline.addPolicy({
          name: 'count',
          sendRequest: (req, next) => (count.requests++, next(req)),
        });
      }
      return client;
    },
    ping: () => inner.ping(),
  };
  return { tables, inner, count };
}
