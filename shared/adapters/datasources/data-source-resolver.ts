import { AppError } from '../../domain/errors';
import type { DataSource, DataSourceResolver } from '../../ports/data-source';

/**
 * Finds a tenant's connection by id. Built in: `demo`, the embedded DuckDB sample data (read-only, synthetic,
 * open to every tenant), created on first use.
 */
export function createDataSourceResolver(options: { demo: () => Promise<DataSource> }): DataSourceResolver {
  let demo: Promise<DataSource> | undefined;
  return {
    resolve(_tenantId, connectionId) {
      if (connectionId === 'demo') {
        demo ??= options.demo().catch((err: unknown) => {
          demo = undefined;
          throw err;
        });
        return demo;
      }
      return Promise.reject(
        new AppError('NOT_FOUND', `Data source ${connectionId} was not found`, {
          connectionId,
          suggestedFix: 'Use an existing data source id (the demo data is "demo").',
        }),
      );
    },
  };
}
