import { randomUUID } from 'node:crypto';
import type { CoreLog } from '../functions-core/core-api';
import type { RegisteredFunction } from '../functions-core/function-registry';
import { invokeFunction, type AppState } from '../functions-core/invoke-function';
import { resolveSettingReference, type AppSettings } from '../host/app-settings';
import type { ScheduleStatusStore } from './schedule-status-store';
import { createSystemClock, type TimerClock } from './timer-clock';
import { createTimerRunner, type TimerInput, type TimerRunner } from './timer-runner';
import { parseTimerSchedule } from './timer-schedule';

export interface TimerTriggersOptions {
  app: AppState;
  /** Timer functions to run; default: every timerTrigger in the registry. */
  functions?: RegisteredFunction[];
  store: ScheduleStatusStore;
  /** App settings, to resolve `%Name%` schedules. */
  settings?: AppSettings;
  clock?: TimerClock;
  /** A run starting later than this after its occurrence is past due (default 10 s). */
  pastDueThresholdMs?: number;
  log: CoreLog;
}

function timerInvoker(app: AppState, fn: RegisteredFunction) {
  return async (input: TimerInput): Promise<void> => {
    await invokeFunction(app, fn, {
      inputData: [{ name: fn.trigger.name, data: { json: JSON.stringify(input) } }],
      triggerMetadata: {
        sys: {
          json: JSON.stringify({
            MethodName: fn.name,
            UtcNow: new Date().toISOString(),
            RandGuid: randomUUID(),
          }),
        },
      },
    });
  };
}

/** The timer triggers of an app: one runner per timer function, started and stopped together. */
export function createTimerTriggers(options: TimerTriggersOptions) {
  const clock = options.clock ?? createSystemClock();
  const settings = options.settings ?? {};
  const functions = options.functions ?? options.app.registry.byTrigger('timerTrigger');
  const runners: TimerRunner[] = functions.map((fn) => {
    const raw = typeof fn.trigger.schedule === 'string' ? fn.trigger.schedule : '';
    const expression = resolveSettingReference(raw, settings, `Timer "${fn.name}" schedule`);
    const schedule = parseTimerSchedule(expression);
    const useMonitor =
      typeof fn.trigger.useMonitor === 'boolean' ? fn.trigger.useMonitor : schedule.intervalMs >= 60_000;
    const invoke = timerInvoker(options.app, fn);
    return createTimerRunner({
      functionName: fn.name,
      schedule,
      runOnStartup: fn.trigger.runOnStartup === true,
      useMonitor,
      store: options.store,
      clock,
      pastDueThresholdMs: options.pastDueThresholdMs ?? 10_000,
      invoke,
      log: options.log,
    });
  });

  return {
    runners,
    async start(): Promise<void> {
      await Promise.all(runners.map((r) => r.start()));
      if (runners.length)
        options.log('information', 'system', `Timers started: ${runners.map((r) => r.name).join(', ')}`);
    },
    /** Resolves when no timer run is in progress (a chained run started meanwhile is awaited too). */
    idle: async (): Promise<void> => {
      await Promise.all(runners.map((r) => r.idle()));
    },
    /** Stops all timers (no new runs) and waits for running ones, bounded; false if some were still running. */
    async stop(timeoutMs = 10_000): Promise<boolean> {
      runners.forEach((r) => r.stop());
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
      );
      const idle = Promise.all(runners.map((r) => r.idle())).then(() => true);
      const drained = await Promise.race([idle, timedOut]);
      clearTimeout(timer);
      return drained;
    },
  };
}

export type TimerTriggers = ReturnType<typeof createTimerTriggers>;
