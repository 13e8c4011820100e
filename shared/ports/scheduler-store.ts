export interface DueEntry {
  tenantId: string;
  scheduleId: string;
  fireTime: string;
}

/**
 * The due index: one row per schedule at its next fire time, bucketed by minute, so a sweep reads the rows
 * that are due and nothing else.
 */
export interface DueIndex {
  add(entry: DueEntry): Promise<void>;
  remove(entry: DueEntry): Promise<void>;
  /** Every entry whose fire time is at or before `until`. */
  dueUntil(until: Date): Promise<DueEntry[]>;
}

export type GateState = 'pending' | 'published';

/** The idempotency gate of fires: one row per (schedule, fire time). */
export interface FireGates {
  /** Inserts a pending gate; returns the existing state if the gate was already there. */
  open(
    tenantId: string,
    scheduleId: string,
    fireTime: string,
  ): Promise<{ created: true } | { created: false; state: GateState }>;
  markPublished(tenantId: string, scheduleId: string, fireTime: string): Promise<void>;
}
