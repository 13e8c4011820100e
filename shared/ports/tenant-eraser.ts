/** Removes every stored row and blob of one tenant; how many of each store, by store name. */
export interface TenantStorageEraser {
  erase(tenantId: string): Promise<Record<string, number>>;
}

/** A pending erase: the hash of the confirmation token handed to the tenant admin, and its expiry. */
export interface EraseRequest {
  tokenSha256: string;
  expiresAt: string;
}

export interface EraseRequests {
  put(tenantId: string, request: EraseRequest): Promise<void>;
  get(tenantId: string): Promise<EraseRequest | undefined>;
}

/**
 * The operator's audit log, across tenants. It holds no personal data: a tenant appears only as the
 * SHA-256 of its id, the actor only as a role, and the content as counts.
 */
export interface PlatformAuditLog {
  append(record: {
    id: string;
    action: 'tenant.erased';
    timestamp: string;
    tenantRef: string;
    actorRole: string;
    counts: Record<string, number>;
  }): Promise<void>;
}

/**
 * Tenants erased (or being erased), for the queue consumers: a message a tenant queued before its erase is
 * dropped, not worked, since Storage queues cannot delete one tenant's messages. Kept for the longest life
 * of a queued message; the tenant appears only as the SHA-256 of its id.
 */
export interface ErasedTenants {
  mark(tenantId: string): Promise<void>;
  /** May answer from a snapshot up to `staleForMs` old (one read per snapshot, not one per message). */
  isErased(tenantId: string): Promise<boolean>;
  /** How long after `mark` a consumer may still answer false: the erase waits this long before deleting. */
  readonly staleForMs: number;
}

/** What of a tenant ran through Durable Functions: its runs and its deliveries (their instance ids follow). */
export type TenantDurableWork = (
  tenantId: string,
) => AsyncIterable<{ runId: string } | { deliveryId: string; redrives: number }>;
