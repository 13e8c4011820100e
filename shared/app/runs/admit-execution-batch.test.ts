import { describe, expect, it } from 'vitest';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { countingTableService } from '../../../bench/sweep/counting-tables';
import { createTableExecutionQuota } from '../../adapters/table/table-execution-quota';
import { createTableRepositories } from '../../adapters/table/table-repositories';
import { createTableService } from '../../adapters/table/table-service';
import type { ExecutionRequested } from '../../contracts/run-messages';
import type { OrchestrationStarter } from '../../ports/orchestration-starter';
import { admitExecutionBatch } from './admit-execution-batch';

const FIRE = '2026-11-28T10:00:00.000Z';
const fire = (tenantId: string, n: number): ExecutionRequested => ({
  tenantId,
  runId: `${tenantId}-run-${n}`,
  reportId: 'r1',
  scheduleId: `s${n}`,
  trigger: 'schedule',
  fireTime: FIRE,
  parameters: {},
  requestedBy: `schedule:s${n}`,
});

/** The consumer use case on the test Azurite (real run rows, real quota), counting its Table requests. */
function consumer(now: Date, limit = 1000) {
  const counter = countingTableService(
    createTableService({ connectionString: testConnectionString() }, { prefix: uniqueName('ab') }),
  );
  const repos = createTableRepositories(counter.tables);
  const started: string[] = [];
  const orchestrations: OrchestrationStarter = {
    exists: (id) => Promise.resolve(started.includes(id)),
    start: (_name, id) => Promise.resolve(void started.push(id)),
  };
  const quota = createTableExecutionQuota(counter.tables, {
    tierOf: () => Promise.resolve('standard'),
    limits: { standard: limit, premium: limit, enterprise: null },
  });
  const slept: number[] = [];
  const clock = { now };
  const deps = {
    repos,
    quota,
    orchestrations,
    clock: () => clock.now,
    sleep: (ms: number) => {
      slept.push(ms);
      clock.now = new Date(clock.now.getTime() + ms);
      return Promise.resolve();
    },
  };
  return { deps, repos, started, slept, counter, quota, clock };
}

describe('admitExecutionBatch', () => {
  it("waits for the fire time once, then admits every fire: a tenant's run rows and quota share requests", async () => {
    const c = consumer(new Date('2026-11-28T09:59:59.400Z'));
    const fires = [
      ...Array.from({ length: 10 }, (_, i) => fire('acme', i)),
      fire('globex', 0),
      fire('globex', 1),
    ];
    await c.repos.runs.list('acme', { limit: 1 }); // the table exists before counting
    c.counter.reset();
    const admitted = await admitExecutionBatch(c.deps, { fires });
    const requests = c.counter.count.requests;
    expect(c.slept).toEqual([600]);
    expect(admitted.map((a) => a.outcome)).toEqual(fires.map(() => 'started'));
    expect(c.started.sort()).toEqual(fires.map((f) => f.runId).sort());
    const runs = (await c.repos.runs.list('acme', { limit: 100 })).items;
    expect(runs).toHaveLength(10);
    expect(runs.every((r) => r.status === 'queued' && r.fireTime === FIRE)).toBe(true);
    // Per tenant: its run rows and its day's count in one transaction (first of the day: after a read, 404).
    expect(requests).toBe(2 * 2);
    expect(await c.quota.usedToday('acme', c.clock.now)).toBe(10);
    expect(await c.quota.usedToday('globex', c.clock.now)).toBe(2);
    // The next batch writes under the counter's remembered ETag: one request per tenant, rows and count.
    c.counter.reset();
    await admitExecutionBatch(c.deps, { fires: [fire('acme', 10), fire('acme', 11), fire('globex', 2)] });
    expect(c.counter.count.requests).toBe(2);
    expect(await c.quota.usedToday('acme', c.clock.now)).toBe(12);
  });

  it('a redelivered batch starts nothing twice and counts nothing twice', async () => {
    const c = consumer(new Date('2026-11-28T10:00:00.100Z'), 1000);
    const fires = [fire('acme', 1), fire('acme', 2), fire('acme', 3)];
    await admitExecutionBatch(c.deps, { fires });
    const again = await admitExecutionBatch(c.deps, { fires: [...fires, fire('acme', 4)] });
    expect(again.map((a) => a.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate', 'started']);
    expect(c.started.sort()).toEqual(['acme-run-1', 'acme-run-2', 'acme-run-3', 'acme-run-4']);
    const tooMany = consumer(new Date('2026-11-28T10:00:00.100Z'), 4);
    await admitExecutionBatch(tooMany.deps, { fires });
    const over = await admitExecutionBatch(tooMany.deps, {
      fires: [...fires, fire('acme', 4), fire('acme', 5)],
    });
    // 3 counted first; the redelivered 3 are not counted again, so 4 runs fit the limit of 4 and the fifth not.
    expect(over.map((a) => a.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'started',
      'over-quota',
    ]);
    expect((await tooMany.repos.runs.get('acme', 'acme-run-5'))?.doc.status).toBe('failed');
  });

  it('admits the other fires when one fails, then fails, so the redelivery finishes the failed one', async () => {
    const c = consumer(new Date('2026-11-28T10:00:00.100Z'));
    let failOnce = true;
    const flaky = {
      ...c.deps,
      orchestrations: {
        ...c.deps.orchestrations,
        start: (name: string, id: string, input: unknown) => {
          if (id === 'acme-run-2' && failOnce) {
            failOnce = false;
            return Promise.reject(new Error('Durable is down'));
          }
          return c.deps.orchestrations.start(name, id, input);
        },
      },
    };
    const fires = [fire('acme', 1), fire('acme', 2), fire('acme', 3)];
    await expect(admitExecutionBatch(flaky, { fires })).rejects.toThrow('Durable is down');
    expect(c.started.sort()).toEqual(['acme-run-1', 'acme-run-3']);
    const again = await admitExecutionBatch(flaky, { fires });
    expect(again.map((a) => a.outcome)).toEqual(['duplicate', 'started', 'duplicate']);
    expect(c.started.sort()).toEqual(['acme-run-1', 'acme-run-2', 'acme-run-3']);
  });
});
