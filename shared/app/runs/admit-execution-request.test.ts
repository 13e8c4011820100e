import { describe, expect, it } from 'vitest';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { createTableRepositories } from '../../adapters/table/table-repositories';
import { createTableService } from '../../adapters/table/table-service';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { AppError } from '../../domain/errors';
import { admitExecutionRequest } from './admit-execution-request';
import type { OrchestrationStarter } from '../../ports/orchestration-starter';

/** The consumer use case on the test Azurite, with a recording orchestration starter and a fake sleep. */
function consumer(now: Date) {
  const repos = createTableRepositories(
    createTableService({ connectionString: testConnectionString() }, { prefix: uniqueName('rr') }),
  );
  const calls: string[] = [];
  const instances = new Set<string>();
  const orchestrations: OrchestrationStarter = {
    exists: (id) => (calls.push(`exists ${id}`), Promise.resolve(instances.has(id))),
    start: (_name, id) => (calls.push(`start ${id}`), instances.add(id), Promise.resolve()),
  };
  const clock = { now };
  const slept: { ms: number; runRowThen: boolean }[] = [];
  const deps = {
    repos,
    clock: () => clock.now,
    orchestrations,
    async sleep(ms: number) {
      const row = await repos.runs.get('acme', 'run-1');
      slept.push({ ms, runRowThen: row !== undefined });
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  return { deps, calls, instances, slept, repos };
}

const message = (o: Partial<ExecutionRequested> = {}): ExecutionRequested => ({
  tenantId: 'acme',
  runId: 'run-1',
  reportId: 'r1',
  scheduleId: 's1',
  trigger: 'schedule',
  fireTime: '2026-11-28T10:00:00.000Z',
  parameters: {},
  requestedBy: 'schedule:s1',
  ...o,
});

describe('admitExecutionRequest', () => {
  it('starts a fresh message without reading the instance first; a duplicate only reads it', async () => {
    const c = consumer(new Date('2026-11-28T10:00:00.100Z'));
    expect(await admitExecutionRequest(c.deps, message())).toBe('started');
    expect(c.calls).toEqual(['start run-1']);
    expect(await admitExecutionRequest(c.deps, message())).toBe('duplicate');
    expect(c.calls).toEqual(['start run-1', 'exists run-1']);
  });

  it('starts the orchestration when the run row exists but the instance does not (a crash in between)', async () => {
    const c = consumer(new Date('2026-11-28T10:00:00.100Z'));
    const crashing = {
      ...c.deps,
      orchestrations: { ...c.deps.orchestrations, start: () => Promise.reject(new Error('crash')) },
    };
    await expect(admitExecutionRequest(crashing, message())).rejects.toThrow('crash');
    expect(await admitExecutionRequest(c.deps, message())).toBe('started');
    expect(c.calls).toEqual(['exists run-1', 'start run-1']);
    expect((await c.repos.runs.get('acme', 'run-1'))?.doc.status).toBe('queued');
  });

  it('does nothing before a scheduled fire time: an early message waits, then writes the run row', async () => {
    const c = consumer(new Date('2026-11-28T09:59:59.300Z'));
    expect(await admitExecutionRequest(c.deps, message())).toBe('started');
    expect(c.slept).toEqual([{ ms: 700, runRowThen: false }]);
    expect((await c.repos.runs.get('acme', 'run-1'))?.doc.createdAt).toBe('2026-11-28T10:00:00.000Z');
  });

  it('waits for no other trigger, and for no fire already past', async () => {
    const c = consumer(new Date('2026-11-28T09:59:59.300Z'));
    await admitExecutionRequest(c.deps, message({ trigger: 'manual', fireTime: null }));
    await admitExecutionRequest(c.deps, message({ runId: 'run-2', fireTime: '2026-11-28T09:59:00.000Z' }));
    expect(c.slept).toEqual([]);
  });

  it('counts a scheduled fire against the quota once, however often its message comes', async () => {
    const c = consumer(new Date('2026-11-28T10:00:00.100Z'));
    const consumed: string[] = [];
    let allowed = 1;
    const quota = {
      consume: (tenantId: string) => {
        consumed.push(tenantId);
        return allowed-- > 0
          ? Promise.resolve()
          : Promise.reject(new AppError('QUOTA_EXCEEDED', 'Daily executions used up', { limit: 1 }));
      },
    };
    const deps = { ...c.deps, quota };
    expect(await admitExecutionRequest(deps, message())).toBe('started');
    expect(await admitExecutionRequest(deps, message())).toBe('duplicate');
    expect(consumed).toEqual(['acme']);

    // Over the quota: recorded failed once; its redelivery neither counts again nor starts anything.
    expect(await admitExecutionRequest(deps, message({ runId: 'run-2' }))).toBe('over-quota');
    expect(await admitExecutionRequest(deps, message({ runId: 'run-2' }))).toBe('duplicate');
    expect(consumed).toEqual(['acme', 'acme']);
    expect(c.calls).toEqual(['start run-1', 'exists run-1']);
    expect((await c.repos.runs.get('acme', 'run-2'))?.doc).toMatchObject({
      status: 'failed',
      error: { code: 'QUOTA_EXCEEDED' },
    });
  });
});
