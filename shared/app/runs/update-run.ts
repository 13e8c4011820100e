import type { ExecutionRun, RunStep } from '../../contracts/run';
import { AppError, notFound } from '../../domain/errors';
import type { Repositories } from '../../ports/repositories';

/**
 * Read-modify-write of a run under its ETag, retried when another writer got there first.
 * `mutate` returns undefined to leave the run as it is.
 */
export async function updateRun(
  repos: Repositories,
  tenantId: string,
  runId: string,
  mutate: (run: ExecutionRun) => ExecutionRun | undefined,
): Promise<ExecutionRun> {
  for (let attempt = 0; ; attempt++) {
    const current = await repos.runs.get(tenantId, runId);
    if (!current) throw notFound('Run', runId);
    const next = mutate(current.doc);
    if (!next) return current.doc;
    try {
      return (await repos.runs.replace(tenantId, next, current.etag)).doc;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'PRECONDITION_FAILED') || attempt >= 10) throw err;
    }
  }
}

/** The run with step `name` started now (a retried step restarts its entry and counts the attempt). */
export function withStepStarted(run: ExecutionRun, name: string, now: Date): ExecutionRun {
  const previous = run.steps.find((s) => s.name === name);
  const step: RunStep = {
    name,
    status: 'running',
    startedAt: now.toISOString(),
    endedAt: null,
    durationMs: null,
    ...(previous ? { attempts: (previous.attempts ?? 1) + 1 } : {}),
  };
  return { ...run, steps: [...run.steps.filter((s) => s.name !== name), step] };
}

export function withStepEnded(
  run: ExecutionRun,
  name: string,
  status: 'succeeded' | 'failed',
  now: Date,
): ExecutionRun {
  return {
    ...run,
    steps: run.steps.map((s) =>
      s.name === name
        ? {
            ...s,
            status,
            endedAt: now.toISOString(),
            durationMs: now.getTime() - new Date(s.startedAt).getTime(),
          }
        : s,
    ),
  };
}
