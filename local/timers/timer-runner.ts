import type { CoreLog } from '../functions-core/core-api';
import type { ScheduleStatus, ScheduleStatusStore } from './schedule-status-store';
import { toStatusJson } from './schedule-status-store';
import type { TimerClock } from './timer-clock';
import type { TimerSchedule } from './timer-schedule';

/** The timer input the host sends (the library camel-cases it into `Timer`). */
export interface TimerInput {
  Schedule: { AdjustForDST: boolean };
  ScheduleStatus: { Last: string; Next: string; LastUpdated: string } | null;
  IsPastDue: boolean;
}

export interface TimerRunnerDeps {
  functionName: string;
  schedule: TimerSchedule;
  runOnStartup: boolean;
  /** Persist status and detect missed runs (host default: on when occurrences are at least a minute apart). */
  useMonitor: boolean;
  store: ScheduleStatusStore;
  clock: TimerClock;
  /** A run that starts later than this after its occurrence is reported past due. */
  pastDueThresholdMs: number;
  /** Runs the function; a rejection is logged, never fatal. */
  invoke(input: TimerInput): Promise<void>;
  log: CoreLog;
}

/**
 * One timer function, run the way the host's TimerListener does: at start, a missed occurrence (per
 * the persisted status) runs once with `isPastDue: true`, else `runOnStartup` runs once; then each
 * occurrence in turn. The next wait is armed only after a run ends, so runs never overlap.
 */
export function createTimerRunner(deps: TimerRunnerDeps) {
  const { functionName: name, schedule, clock, store, log } = deps;
  let status: ScheduleStatus | undefined;
  let cancel: (() => void) | undefined;
  let current: Promise<void> = Promise.resolve();
  let stopped = false;

  const saveStatus = async (next: ScheduleStatus) => {
    status = next;
    if (!deps.useMonitor) return;
    try {
      await store.write(name, next);
    } catch (err) {
      log(
        'warning',
        'system',
        `Timer "${name}": could not save its schedule status: ${(err as Error).message}`,
      );
    }
  };

  const run = async (occurrence: Date, isPastDue: boolean) => {
    const invokedAt = new Date(clock.now());
    const input: TimerInput = {
      Schedule: { AdjustForDST: true },
      ScheduleStatus: deps.useMonitor && status ? toStatusJson(status) : null,
      IsPastDue: isPastDue,
    };
    try {
      await deps.invoke(input);
    } catch (err) {
      log('error', 'system', `Timer "${name}" failed: ${(err as Error)?.stack ?? String(err)}`);
    }
    await saveStatus({ last: occurrence, next: schedule.next(invokedAt), lastUpdated: invokedAt });
  };

  const arm = () => {
    if (stopped) return;
    let due: Date;
    try {
      due = schedule.next(new Date(clock.now()));
    } catch (err) {
      log('error', 'system', `Timer "${name}" stops: ${(err as Error).message}`);
      return;
    }
    cancel = clock.setTimer(() => {
      cancel = undefined;
      if (stopped) return;
      const late = clock.now() - due.getTime() > deps.pastDueThresholdMs;
      if (late)
        log('warning', 'system', `Timer "${name}" is running late for ${due.toISOString()}: past due.`);
      current = run(due, late).then(arm);
    }, due.getTime() - clock.now());
  };

  /** Reads the persisted status and decides whether a past-due or startup run is owed. */
  const startupRun = async (): Promise<{ occurrence: Date; isPastDue: boolean } | undefined> => {
    const now = new Date(clock.now());
    if (deps.useMonitor) {
      const saved = await store.read(name).catch((err: Error) => {
        log(
          'warning',
          'system',
          `Timer "${name}": unreadable schedule status (${err.message}); starting fresh.`,
        );
        return undefined;
      });
      if (!saved) {
        await saveStatus({ last: undefined, next: schedule.next(now), lastUpdated: now });
      } else {
        const expected = schedule.next(saved.last ?? saved.lastUpdated);
        status = saved;
        // The schedule changed since the status was written: recompute "next" from the same base.
        if (expected.getTime() !== saved.next.getTime()) await saveStatus({ ...saved, next: expected });
        if (now.getTime() > expected.getTime()) return { occurrence: expected, isPastDue: true };
      }
    }
    return deps.runOnStartup ? { occurrence: now, isPastDue: false } : undefined;
  };

  return {
    name,
    /** Starts the timer; an owed past-due or startup run begins at once (not awaited). */
    async start(): Promise<void> {
      const owed = await startupRun();
      if (stopped) return;
      if (owed) {
        log(
          'information',
          'system',
          `Timer "${name}": ${owed.isPastDue ? `past due since ${owed.occurrence.toISOString()}` : 'runOnStartup'}; running now.`,
        );
        current = run(owed.occurrence, owed.isPastDue).then(arm);
      } else {
        arm();
      }
    },
    /** No further runs; a run in progress goes on (see `idle`). */
    stop(): void {
      stopped = true;
      cancel?.();
      cancel = undefined;
    },
    /** Resolves when the current run (if any) has finished. */
    idle: async (): Promise<void> => {
      let seen: Promise<void>;
      do {
        seen = current;
        await seen;
      } while (seen !== current);
    },
    /** The occurrence the timer waits for next (for logs and tests). */
    status: () => status,
  };
}

export type TimerRunner = ReturnType<typeof createTimerRunner>;
