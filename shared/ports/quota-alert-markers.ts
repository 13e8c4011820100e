/** Which quota alerts a tenant has been sent: one insert-once row per (quota, period, threshold). */
export interface QuotaAlertMarkers {
  has(tenantId: string, key: string): Promise<boolean>;
  /** Writes the marker; false when it was already there (another consumer got there first). */
  mark(tenantId: string, key: string, now: Date): Promise<boolean>;
}
