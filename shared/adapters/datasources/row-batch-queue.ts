import type { Row } from '../../ports/data-source';

export interface RowBatchQueueOptions {
  batchSize: number;
  /** Full batches held before the producer is paused. */
  highWater?: number;
  pause(): void;
  resume(): void;
  /** The reader stopped early (break, return): stop producing. */
  onStop(): void;
}

/** Turns a push-style row emitter (mssql `row` events) into pulled batches, pausing the producer when full. */
export interface RowBatchQueue {
  push(row: Row): void;
  fail(err: unknown): void;
  end(): void;
  batches(): AsyncGenerator<Row[]>;
}

export function createRowBatchQueue(options: RowBatchQueueOptions): RowBatchQueue {
  const highWater = options.highWater ?? 2;
  const ready: Row[][] = [];
  let current: Row[] = [];
  let ended = false;
  let failure: { err: unknown } | undefined;
  let paused = false;
  let wake: (() => void) | undefined;

  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  return {
    push(row) {
      if (ended || failure) return;
      current.push(row);
      if (current.length >= options.batchSize) {
        ready.push(current);
        current = [];
        if (ready.length >= highWater && !paused) {
          paused = true;
          options.pause();
        }
        notify();
      }
    },
    fail(err) {
      if (ended || failure) return;
      failure = { err };
      notify();
    },
    end() {
      if (ended || failure) return;
      if (current.length) ready.push(current);
      current = [];
      ended = true;
      notify();
    },
    async *batches() {
      let finished = false;
      try {
        for (;;) {
          if (failure) throw failure.err;
          const next = ready.shift();
          if (next) {
            if (paused && ready.length < highWater) {
              paused = false;
              options.resume();
            }
            yield next;
            continue;
          }
          if (ended) {
            finished = true;
            return;
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        if (!finished && !failure) options.onStop();
      }
    },
  };
}
