/** Which quota alerts a tenant has been sent: one insert-once row per (quota, period, threshold). */
export interface QuotaAlertMarkers {
  has(tenantId: string, key: string): Promise<boolean>;
  /** When the marker was written, or null without one. */
  markedAt(tenantId: string, key: string): Promise<string | null>;
  /** Removes the marker (housekeeping, once its period or crossing is over). */
  remove(tenantId: string, key: string): Promise<void>;
  /** The id of the quota's open crossing, or null when none is open. */
  currentCrossing(tenantId: string, quota: string): Promise<string | null>;
  /** Writes the marker; false when it was already there (another consumer got there first). */
  mark(tenantId: string, key: string, now: Date): Promise<boolean>;
  /**
   * The open crossing of a quota that is not counted per period (schedules): the id of the crossing that
   * began when the count first reached 80 %, created once (concurrent callers get the same id).
   */
  openCrossing(tenantId: string, quota: string, now: Date): Promise<string>;
  /** Ends the open crossing (the count fell below 80 %): the next one is a new crossing, alerted anew. */
  endCrossing(tenantId: string, quota: string): Promise<void>;
}
