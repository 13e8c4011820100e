import { performance } from 'node:perf_hooks';
import type { StorageCount } from './counting-tables';

export interface Measured<T> {
  result: T;
  requests: number;
  entitiesRead: number;
  /** CPU of this process (user + system): Azurite runs in a child process and is not included. */
  cpuMs: number;
  wallMs: number;
}

/** Runs `work` once with the storage counters reset, and measures it. */
export async function measure<T>(
  counter: { count: StorageCount; reset(): void },
  work: () => Promise<T>,
): Promise<Measured<T>> {
  counter.reset();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    result,
    requests: counter.count.requests,
    entitiesRead: counter.count.entitiesRead,
    cpuMs: (used.user + used.system) / 1000,
    wallMs,
  };
}

/** The p-th percentile (0–100) of values, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}
