import { performance } from 'node:perf_hooks';
import type { ProbeResult, Readiness } from '../../shared/contracts/health';
import type { ReadinessProbe } from '../../shared/composition/http-deps';

/** Runs every probe in parallel, each bounded by `timeoutMs`; ready only if all succeed. */
export async function runReadinessProbes(
  probes: ReadonlyMap<string, ReadinessProbe>,
  timeoutMs: number,
  onFailure: (name: string, err: unknown) => void,
): Promise<Readiness> {
  const entries = await Promise.all(
    [...probes].map(async ([name, probe]): Promise<[string, ProbeResult]> => {
      const started = performance.now();
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        const outcome = await Promise.race([probe(controller.signal).then(() => 'ok' as const), timeout]);
        if (outcome === 'timeout') controller.abort();
        const durationMs = Math.round(performance.now() - started);
        if (outcome === 'timeout') onFailure(name, new Error(`timed out after ${timeoutMs} ms`));
        return [
          name,
          outcome === 'ok' ? { ok: true, durationMs } : { ok: false, durationMs, error: 'timeout' },
        ];
      } catch (err) {
        onFailure(name, err);
        return [name, { ok: false, durationMs: Math.round(performance.now() - started), error: 'failed' }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return {
    status: entries.every(([, r]) => r.ok) ? 'ready' : 'not_ready',
    probes: Object.fromEntries(entries),
  };
}
