import type { Schedule } from '../contracts/schedule';
import type { Versioned } from './document-store';

export interface DueEntry {
  tenantId: string;
  scheduleId: string;
  fireTime: string;
}

/**
 * The due index: a row per schedule at its next fire time, in time-bucketed, sharded partitions, so a sweep
 * reads the rows that are due and nothing else. A row whose schedule moved on is stale, and harmless.
 */
export interface DueIndex {
  /** Idempotent (an upsert). */
  add(entry: DueEntry): Promise<void>;
  /** Idempotent (a missing row is fine). */
  remove(entry: DueEntry): Promise<void>;
  has(entry: DueEntry): Promise<boolean>;
  /** Every entry whose fire time is at or before `until`, in fire-time order. */
  dueUntil(until: Date): Promise<DueEntry[]>;
}

export type GateState = 'pending' | 'published';

/** A gate as opened: `plannedAt` is set when the fire was found late and caught up by the misfire policy. */
export interface FireGate {
  created: boolean;
  state: GateState;
  /** The instant the misfire plan is computed against, frozen by the first sweep that opened the gate. */
  plannedAt: string | null;
}

/** Which gate: the fire it stands for. */
export interface FireGateKey {
  tenantId: string;
  scheduleId: string;
  fireTime: string;
}

/** The idempotency gate of fires: one row per (schedule, fire time), written before anything is published. */
export interface FireGates {
  /** Inserts a pending gate (with `plannedAt` for a late fire); returns the existing gate if there is one. */
  open(tenantId: string, scheduleId: string, fireTime: string, plannedAt?: string): Promise<FireGate>;
  markPublished(tenantId: string, scheduleId: string, fireTime: string): Promise<void>;
  /**
   * The gates of fires on UTC days before `day` (`yyyy-MM-dd`), a page at a time, reading those gates and no
   * others (expiry's cost is O(expired)).
   */
  firedBefore(day: string): AsyncIterable<FireGateKey[]>;
  /** Deletes gates; one that is gone already is fine. */
  remove(gates: readonly FireGateKey[]): Promise<void>;
}

/**
 * The schedules as the sweep reads and advances them (the `schedules` repository fits; the table adapter
 * coalesces the many reads and writes of a busy sweep).
 */
export interface ScheduleStateStore {
  get(tenantId: string, id: string): Promise<Versioned<Schedule> | undefined>;
  /** Stores a new version under `etag`; 412 PRECONDITION_FAILED when the schedule changed meanwhile. */
  replace(tenantId: string, doc: Schedule, etag: string): Promise<Versioned<Schedule>>;
}
