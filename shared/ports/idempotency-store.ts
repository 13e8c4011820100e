/** A response kept for replay: what the handler answered, in JSON-safe form. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  etag?: string;
  location?: string;
}

export interface IdempotencyRecord {
  /** SHA-256 of the request (method, route, parameters, body): the same key must come with the same request. */
  fingerprint: string;
  state: 'in_progress' | 'completed';
  response: StoredResponse | null;
  createdAt: string;
  /** After this the key is free again (24 h). */
  expiresAt: string;
  /** An in-progress reservation older than this was abandoned (crashed process): it may be taken over. */
  lockedUntil: string;
}

/** Idempotency keys per tenant; every write is create-if-absent or ETag-guarded. */
export interface IdempotencyStore {
  /** Creates the record if the id is free: its ETag, or null when a record with this id exists. */
  insert(tenantId: string, id: string, record: IdempotencyRecord): Promise<string | null>;
  get(tenantId: string, id: string): Promise<{ record: IdempotencyRecord; etag: string } | undefined>;
  /** Replaces the record if it still has `etag`: the new ETag, or null when someone else wrote it first. */
  replace(tenantId: string, id: string, record: IdempotencyRecord, etag: string): Promise<string | null>;
  /** Deletes the record if it still has `etag` (otherwise leaves it). */
  remove(tenantId: string, id: string, etag: string): Promise<void>;
}
