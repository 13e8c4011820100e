/** A store of one kind of tenant-owned document, with optimistic concurrency and ordered indexes. */
export interface Versioned<T> {
  doc: T;
  etag: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListOptions {
  /** Which index to read; `id` is the main rows in id order. */
  index?: string;
  /** Only rows whose index key starts with this. */
  prefix?: string;
  /** Only rows whose key after the prefix is ≥ `from` … */
  from?: string;
  /** … and < `until` (a range of one index, read as one query). */
  until?: string;
  cursor?: string | null;
  limit: number;
}

/** Every method takes the tenant id first; no method reads across tenants. */
export interface DocumentTable<T> {
  insert(tenantId: string, doc: T): Promise<Versioned<T>>;
  get(tenantId: string, id: string): Promise<Versioned<T> | undefined>;
  replace(tenantId: string, doc: T, etag: string): Promise<Versioned<T>>;
  remove(tenantId: string, id: string, etag?: string): Promise<void>;
  list(tenantId: string, options: ListOptions): Promise<Page<T>>;
}
