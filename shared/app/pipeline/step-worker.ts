import type { ExecutionRun } from '../../contracts/run';

/**
 * Records which process runs a step. A render can run in the render job rather than in the worker that
 * started the run, and the timeline should say where it happened.
 */
export function withStepWorker(run: ExecutionRun, name: string, workerId: string): ExecutionRun {
  return { ...run, steps: run.steps.map((s) => (s.name === name ? { ...s, workerId } : s)) };
}
