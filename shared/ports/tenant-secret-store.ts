/** A stored secret's value and when it was last set. */
export interface TenantSecret {
  value: string;
  updatedAt: string;
}

/**
 * A tenant's own secrets, by name (already validated and lowercase). Every method takes the tenant first
 * and can reach only that tenant's names: an adapter confines them (a partition, a vault-name prefix).
 */
export interface TenantSecretStore {
  get(tenantId: string, name: string): Promise<TenantSecret | undefined>;
  /** Creates or replaces (rotates) the value; returns when it was set. */
  put(tenantId: string, name: string, value: string): Promise<{ updatedAt: string }>;
  /** False when there was nothing to delete. */
  delete(tenantId: string, name: string): Promise<boolean>;
  /** Names and update times, never values, sorted by name. */
  list(tenantId: string): Promise<{ name: string; updatedAt: string }[]>;
}

/** Secrets an operator set for a tenant in the service's settings; the tenant can use them, not change them. */
export interface OperatorTenantSecrets {
  get(tenantId: string, name: string): string | undefined;
  names(tenantId: string): string[];
}
