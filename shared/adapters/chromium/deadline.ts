export class StepTimeout extends Error {
  constructor(
    readonly step: string,
    ms: number,
  ) {
    super(`${step} timed out after ${Math.round(ms)} ms`);
    this.name = 'StepTimeout';
  }
}

/** A render's time budget, shared by its steps: each gets what is left. */
export interface Deadline {
  remainingMs(): number;
  /** Runs one step, failing with StepTimeout when the budget runs out first. */
  step<T>(step: string, run: (remainingMs: number) => Promise<T>): Promise<T>;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(step, ms)), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createDeadline(totalMs: number, now: () => number = () => performance.now()): Deadline {
  const end = now() + totalMs;
  const remainingMs = () => Math.max(0, end - now());
  return {
    remainingMs,
    step(step, run) {
      const left = remainingMs();
      if (left <= 0) return Promise.reject(new StepTimeout(step, 0));
      return withTimeout(run(left), left, step);
    },
  };
}
