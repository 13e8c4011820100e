/** Counts running work (requests, invocations) and lets a shutdown wait, bounded, until none is left. */
export function createInFlight() {
  let count = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (count !== 0) return;
    const ready = waiters;
    waiters = [];
    ready.forEach((resolve) => resolve());
  };
  const start = (): (() => void) => {
    count++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      count--;
      settle();
    };
  };
  return {
    count: () => count,
    /** Marks one unit of work as started; call the returned function when it ends (extra calls are ignored). */
    start,
    /** Runs `work` as one tracked unit. */
    async track<T>(work: () => Promise<T>): Promise<T> {
      const end = start();
      try {
        return await work();
      } finally {
        end();
      }
    },
    /** Resolves true once nothing runs, or false when `timeoutMs` passes first. */
    idle(timeoutMs: number): Promise<boolean> {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
