import type { DurableLog } from './durable-log';

export interface QueuePollerOptions<M> {
  name: string;
  receive: (max: number) => Promise<M[]>;
  handle: (message: M) => Promise<void>;
  /** Messages handled at once. */
  concurrency: number;
  /** Idle back-off between empty polls, growing from min to max. */
  minIdleMs: number;
  maxIdleMs: number;
  log: DurableLog;
}

/**
 * Pulls messages and hands them to `handle`, at most `concurrency` at a time. An empty queue is
 * polled with growing back-off; `poke()` (new work sent from this process) ends a back-off early.
 * `stop()` stops pulling and waits, bounded, for the handlers in flight.
 */
export function createQueuePoller<M>(options: QueuePollerOptions<M>) {
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let pokes = 0;
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  function poke(afterMs = 0): void {
    if (!running) return;
    if (afterMs > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        poke();
      }, afterMs);
      timer.unref();
      timers.add(timer);
      return;
    }
    pokes++;
    wake?.();
  }

  async function run(): Promise<void> {
    let idle = options.minIdleMs;
    while (running) {
      if (inFlight.size >= options.concurrency) {
        await Promise.race([...inFlight, sleep(options.maxIdleMs)]);
        continue;
      }
      const seenPokes = pokes;
      let batch: M[] = [];
      try {
        batch = await options.receive(options.concurrency - inFlight.size);
      } catch (err) {
        if (running) options.log('warning', `${options.name}: receive failed: ${(err as Error).message}`);
      }
      for (const message of batch) {
        const work = options
          .handle(message)
          .catch((err: unknown) =>
            options.log('error', `${options.name}: ${(err as Error).stack ?? String(err)}`),
          )
          .finally(() => inFlight.delete(work));
        inFlight.add(work);
      }
      if (batch.length > 0) {
        idle = options.minIdleMs;
        continue;
      }
      if (pokes !== seenPokes) continue;
      await sleep(idle);
      idle = Math.min(options.maxIdleMs, idle * 2);
    }
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      loop = run();
    },
    poke,
    /** Stops pulling; resolves when in-flight work is done or `timeoutMs` passed (true = all done). */
    async stop(timeoutMs: number): Promise<boolean> {
      running = false;
      wake?.();
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      await loop;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
      );
      const finished = Promise.all([...inFlight]).then(() => true);
      const result = await Promise.race([finished, timedOut]);
      clearTimeout(timer);
      return result;
    },
  };
}

export type QueuePoller = ReturnType<typeof createQueuePoller>;
