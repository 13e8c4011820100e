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
