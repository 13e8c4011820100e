export interface ExpiryEntry {
  tenantId: string;
  artifactId: string;
  expiresAt: string;
}

/** Artifacts by expiry day across tenants, so retention reads only what has expired. */
export interface ArtifactExpiryIndex {
  add(entry: ExpiryEntry): Promise<void>;
  expiredBy(until: Date): Promise<ExpiryEntry[]>;
  remove(entry: ExpiryEntry): Promise<void>;
}
