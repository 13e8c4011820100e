/**
 * Which tenant owns a trigger id. The public trigger URL carries no token, so this is the one lookup
 * keyed by something other than the tenant; it maps an id to its tenant and holds nothing else.
 */
export interface TriggerDirectory {
  register(triggerId: string, tenantId: string): Promise<void>;
  tenantOf(triggerId: string): Promise<string | undefined>;
  unregister(triggerId: string): Promise<void>;
}

/** Signatures already accepted, so a captured request cannot be replayed within the tolerance window. */
export interface SignatureLedger {
  /** Records a signature; false when it was recorded before (a replay). */
  record(tenantId: string, triggerId: string, signature: string, expiresAt: Date): Promise<boolean>;
  /** Forgets a signature whose window has passed (housekeeping); absent is fine. */
  remove(tenantId: string, triggerId: string, signature: string): Promise<void>;
}
