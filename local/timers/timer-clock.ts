/** Time and delays for the timer triggers; injectable so tests run fast and deterministic. */
export interface TimerClock {
  now(): number;
  /** Calls `callback` once after `delayMs`; returns a cancel function. */
  setTimer(callback: () => void, delayMs: number): () => void;
}

/** setTimeout caps at 2^31-1 ms (~24.8 days); longer waits are chained. */
const maxDelay = 2 ** 31 - 1;

export function createSystemClock(): TimerClock {
  return {
    now: () => Date.now(),
    setTimer(callback, delayMs) {
      let handle: NodeJS.Timeout;
      const due = Date.now() + delayMs;
      const arm = () => {
        const remaining = due - Date.now();
        handle =
          remaining > maxDelay ? setTimeout(arm, maxDelay) : setTimeout(callback, Math.max(0, remaining));
      };
      arm();
      return () => clearTimeout(handle);
    },
  };
}

/** A clock that moves only when told: `advanceTo` fires due timers in order, each at its own due time. */
export function createManualClock(startMs: number) {
  let now = startMs;
  let seq = 0;
  const timers = new Map<number, { due: number; callback: () => void }>();
  /** `late`: the event loop was blocked, so due timers fire only at `targetMs` (they run late). */
  const advanceTo = (targetMs: number, options: { late?: boolean } = {}): void => {
    if (options.late) now = Math.max(now, targetMs);
    for (;;) {
      const due = [...timers.entries()]
        .filter(([, t]) => t.due <= targetMs)
        .sort((a, b) => a[1].due - b[1].due || a[0] - b[0])[0];
      if (!due) break;
      timers.delete(due[0]);
      now = Math.max(now, due[1].due);
      due[1].callback();
    }
    now = Math.max(now, targetMs);
  };
  return {
    now: () => now,
    setTimer(callback: () => void, delayMs: number): () => void {
      const id = seq++;
      timers.set(id, { due: now + Math.max(0, delayMs), callback });
      return () => timers.delete(id);
    },
    advanceTo,
    advance: (ms: number): void => advanceTo(now + ms),
    /** Due times of the armed timers (for assertions). */
    pending: (): number[] => [...timers.values()].map((t) => t.due).sort((a, b) => a - b),
  };
}

export type ManualClock = ReturnType<typeof createManualClock>;
