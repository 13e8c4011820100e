import { performance } from 'node:perf_hooks';

/** Runs `work` and measures it (wall time, ms, one decimal). */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: Math.round((performance.now() - start) * 10) / 10 };
}
