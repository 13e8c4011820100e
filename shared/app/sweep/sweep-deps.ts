import type { MessageBus } from '../../ports/message-bus';
import type { PublishFire } from './fire-batcher';
import type { Repositories } from '../../ports/repositories';
import type { DueIndex, FireGates, ScheduleStateStore } from '../../ports/scheduler-store';

export interface SweepDeps {
  /** Runs (missed fires) and holiday calendars. */
  repos: Repositories;
  /** The schedules, as the sweep reads and advances them (`repos.schedules` will do). */
  schedules: ScheduleStateStore;
  dueIndex: DueIndex;
  gates: FireGates;
  bus: MessageBus;
  clock: () => Date;
  executionQueue: string;
  /** Fires up to this far ahead are published now, as messages due at their fire time. */
  lookaheadSeconds: number;
  /** A fire found later than this is a misfire, handled by the schedule's policy (default 60). */
  misfireGraceSeconds?: number;
  /** Schedules swept at once (default 128); one schedule's fires are always handled in order. */
  concurrency?: number;
  /** Send a sweep's fires of one instant together, as ExecutionBatchRequested messages (default: one message each). */
  batchFires?: boolean;
  /** How fires go out when batched: set by the sweep itself, one batcher per sweep. */
  publishFire?: PublishFire;
}

/** What one sweep did, counted as it goes (a failing schedule keeps what it counted before failing). */
export interface SweepTally {
  /** Due-index rows read. */
  due: number;
  /** Fires published (a catch-up fire included). */
  published: number;
  /** Fires recorded as missed runs. */
  missed: number;
  /** Rows dropped because their schedule moved on, paused or went away. */
  stale: number;
  failures: { tenantId: string; scheduleId: string; fireTime: string; error: unknown }[];
}

export const DEFAULT_MISFIRE_GRACE_SECONDS = 60;
