import type { DataSourceDefinition } from '../../contracts/data-source';
import { AppError } from '../../domain/errors';
import type { DataSource, DataSourceResolver } from '../../ports/data-source';
import type { ConnectedSource } from './connected-source';

export interface TenantConnections {
  /** The tenant's definition (tenant-partitioned: another tenant's id is not found). */
  find(tenantId: string, id: string): Promise<DataSourceDefinition | undefined>;
  connect(definition: DataSourceDefinition): Promise<ConnectedSource>;
  /** Connections kept open at most; the least recently used is closed first. Default 50. */
  maxOpen?: number;
}

export interface DataSourceResolverOptions {
  demo: () => Promise<DataSource>;
  /** A tenant's own data sources; without them only `demo` resolves. */
  connections?: TenantConnections;
}

export interface ClosableDataSourceResolver extends DataSourceResolver {
  /** Closes every open connection (pools), for shutdown. */
  close(): Promise<void>;
  /** Connections in use over the size of every open pool (0–1); null while no pool is open. */
  poolUsage(): number | null;
}

interface Open {
  version: string;
  source: Promise<ConnectedSource>;
  connected?: ConnectedSource;
}

const notFound = (connectionId: string) =>
  new AppError('NOT_FOUND', `Data source ${connectionId} was not found`, {
    connectionId,
    suggestedFix:
      'Use the id of one of your data sources (GET /api/v1/data-sources), or "demo" for the demo data.',
  });

const noop = () => undefined;

const closeQuietly = (source: Promise<ConnectedSource>) =>
  source.then(
    (s) => s.close().catch(() => undefined),
    () => undefined,
  );

/**
 * Finds a tenant's connection by id. Built in: `demo`, the embedded DuckDB sample data (read-only, synthetic,
 * open to every tenant), created on first use. A tenant's own sources are read from their definition on
 * each resolve and kept open (one pool per connection), reopened when the definition changes (its
 * `updatedAt`), closed when evicted or on `close()`.
 */
export function createDataSourceResolver(options: DataSourceResolverOptions): ClosableDataSourceResolver {
  let demo: Promise<DataSource> | undefined;
  const open = new Map<string, Open>();
  const maxOpen = options.connections?.maxOpen ?? 50;

  function evict() {
    while (open.size > maxOpen) {
      const [key, oldest] = open.entries().next().value as [string, Open];
      open.delete(key);
      void closeQuietly(oldest.source);
    }
  }

  return {
    async resolve(tenantId, connectionId) {
      if (connectionId === 'demo') {
        demo ??= options.demo().catch((err: unknown) => {
          demo = undefined;
          throw err;
        });
        return demo;
      }
      const connections = options.connections;
      const definition = connections ? await connections.find(tenantId, connectionId) : undefined;
      if (!connections || !definition || definition.tenantId !== tenantId) throw notFound(connectionId);
      const key = `${tenantId}\u0000${connectionId}`;
      const current = open.get(key);
      open.delete(key);
      if (current && current.version === definition.updatedAt) {
        open.set(key, current);
        return current.source;
      }
      if (current) void closeQuietly(current.source);
      const entry: Open = {
        version: definition.updatedAt,
        source: connections.connect(definition).catch((err: unknown) => {
          if (open.get(key) === entry) open.delete(key);
          throw err;
        }),
      };
      void entry.source.then((s) => (entry.connected = s), noop);
      open.set(key, entry);
      evict();
      return entry.source;
    },

    poolUsage() {
      let active = 0;
      let size = 0;
      for (const entry of open.values()) {
        const usage = entry.connected?.poolUsage?.();
        if (!usage) continue;
        active += usage.active;
        size += usage.size;
      }
      return size > 0 ? active / size : null;
    },

    async close() {
      const all = [...open.values()];
      open.clear();
      await Promise.all(all.map((entry) => closeQuietly(entry.source)));
      const demoSource: (DataSource & { close?: () => unknown }) | undefined = await demo?.catch(
        () => undefined,
      );
      demo = undefined;
      await demoSource?.close?.();
    },
  };
}
