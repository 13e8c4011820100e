import type { DataSource } from '../../ports/data-source';

/** A tenant connection the resolver keeps open (a pool, an HTTP client) until it changes or shuts down. */
export interface ConnectedSource extends DataSource {
  /** Connects and runs a trivial query (`select 1`, the first page): resolves when the source answers. */
  probe(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
  /** Connections in use and the pool's size, for database_connection_pool_usage (pooled sources only). */
  poolUsage?(): { active: number; size: number };
}
