// Test support (not shipped behaviour): a sweep on the test Azurite with real adapters, a recorder of what it
// published, the real consumer use case behind it, and failures injected into any storage or bus call.
import { randomBytes } from 'node:crypto';
import { createStorageQueueMessageBus } from '../../../adapters/messaging/storage-queue-message-bus';
import { createTableRepositories } from '../../../adapters/table/table-repositories';
import { createTableDueIndex, createTableFireGates } from '../../../adapters/table/table-scheduler-store';
import { createTableScheduleStateStore } from '../../../adapters/table/table-schedule-state-store';
import { createTableService } from '../../../adapters/table/table-service';
import type { Schedule } from '../../../contracts/schedule';
import type { ExecutionRun } from '../../../contracts/run';
import { ExecutionQueueMessage } from '../../../contracts/run-messages';
import {
  createTableExecutionQuota,
  EXECUTION_COUNTER_TABLE,
  executionCounterRowKey,
} from '../../../adapters/table/table-execution-quota';
import type { CountedRunInserts, ExecutionQuota } from '../../../ports/execution-quota';
import { admitExecutionBatch } from '../../runs/admit-execution-batch';
import type { OutgoingMessage } from '../../../ports/message-bus';
import type { Repositories } from '../../../ports/repositories';
import type { DueEntry } from '../../../ports/scheduler-store';
import { admitExecutionRequest, type AdmissionDeps } from '../../runs/admit-execution-request';
import type { OrchestrationStarter } from '../../../ports/orchestration-starter';
import { storeNewSchedule, type NewSchedule } from '../../schedules/store-new-schedule';
import { sweepDueSchedules, type SweepDeps, type SweepTally } from '../sweep-due-schedules';

export type FaultPoint =
  | 'gates.open'
  | 'bus.publish'
  | 'gates.markPublished'
  | 'dueIndex.add'
  | 'schedules.replace'
  | 'dueIndex.remove'
  | 'runs.insert'
  | 'consumer.countedInsert'
  | 'consumer.start';
/** `before`: the call fails and changes nothing. `after`: it takes effect, then fails (a lost reply, a crash). */
export type FaultMode = 'before' | 'after';

export class InjectedFault extends Error {}

export const TENANT = 'acme';

const uniqueName = (prefix: string) => `${prefix}${randomBytes(5).toString('hex')}`;

/** `connectionString`: the test run's Azurite (test/support/storage.ts). */
export function createSweepKit(
  connectionString: string,
  start: Date,
  options: { batchFires?: boolean; limit?: number } = {},
) {
  const clock = { now: start };
  const tables = createTableService({ connectionString }, { prefix: uniqueName('s') });
  const repos = createTableRepositories(tables);
  const dueIndex = createTableDueIndex(tables);
  const gates = createTableFireGates(tables);
  const realBus = createStorageQueueMessageBus({ connectionString }, () => clock.now);
  const published: OutgoingMessage[] = [];
  const faults = new Map<FaultPoint, FaultMode>();

  const faulty =
    <A extends unknown[], R>(point: FaultPoint, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const mode = faults.get(point);
      if (mode) faults.delete(point);
      if (mode === 'before') throw new InjectedFault(`${point} failed`);
      const result = await call(...args);
      if (mode === 'after') throw new InjectedFault(`${point} took effect, then failed`);
      return result;
    };

  const sweepRepos: Repositories = {
    ...repos,
    runs: { ...repos.runs, insert: faulty('runs.insert', repos.runs.insert.bind(repos.runs)) },
  };
  const states = createTableScheduleStateStore(tables);
  const deps: SweepDeps = {
    repos: sweepRepos,
    schedules: {
      get: (tenantId, id) => states.get(tenantId, id),
      replace: faulty('schedules.replace', (tenantId: string, doc: Schedule, etag: string) =>
        states.replace(tenantId, doc, etag),
      ),
    },
    dueIndex: {
      ...dueIndex,
      add: faulty('dueIndex.add', (e: DueEntry) => dueIndex.add(e)),
      remove: faulty('dueIndex.remove', (e: DueEntry) => dueIndex.remove(e)),
    },
    gates: {
      ...gates,
      open: faulty('gates.open', (...a: Parameters<typeof gates.open>) => gates.open(...a)),
      markPublished: faulty('gates.markPublished', (...a: Parameters<typeof gates.markPublished>) =>
        gates.markPublished(...a),
      ),
    },
    bus: {
      ping: () => realBus.ping(),
      publish: faulty('bus.publish', async (queue: string, message: OutgoingMessage) => {
        await realBus.publish(queue, message);
        published.push(message);
      }),
    },
    clock: () => clock.now,
    executionQueue: uniqueName('exec'),
    lookaheadSeconds: 60,
    misfireGraceSeconds: 60,
    batchFires: options.batchFires ?? false,
  };

  // The consumer's side: the real run rows and the real daily quota (standard tier, or `limit`), whose
  // counted insert (a fire's run row and its count, one transaction) has a fault point. `consumerQuota()` is
  // another consumer process: its own quota adapter, so its own remembered counter ETag.
  const consumerQuota = () => {
    const real = createTableExecutionQuota(tables, {
      tierOf: () => Promise.resolve('standard'),
      ...(options.limit
        ? { limits: { standard: options.limit, premium: options.limit, enterprise: null } }
        : {}),
    });
    const quota: ExecutionQuota & CountedRunInserts = {
      consume: (tenantId, now) => real.consume(tenantId, now),
      insertCounted: faulty('consumer.countedInsert', (...a: Parameters<typeof real.insertCounted>) =>
        real.insertCounted(...a),
      ),
    };
    return quota;
  };
  const quota = consumerQuota();

  /** Durable is exercised end to end elsewhere; a recording starter stands in for its client here. */
  const started: string[] = [];
  const orchestrations: OrchestrationStarter = {
    exists: (id) => Promise.resolve(started.includes(id)),
    start: faulty('consumer.start', (_name: string, id: string) => Promise.resolve(void started.push(id))),
  };
  let delivered = 0;
  const admit = async (admission: AdmissionDeps, message: OutgoingMessage) => {
    const body = ExecutionQueueMessage.parse(message.body);
    for (let attempt = 1; ; attempt++) {
      try {
        if ('fires' in body) await admitExecutionBatch(admission, body);
        else await admitExecutionRequest(admission, body);
        return;
      } catch (err) {
        if (!(err instanceof InjectedFault) || attempt >= 5) throw err;
      }
    }
  };
  const noWait = (q: ExecutionQuota & CountedRunInserts): AdmissionDeps => ({
    repos,
    clock: () => clock.now,
    orchestrations,
    quota: q,
    sleep: () => Promise.resolve(),
  });

  return {
    clock,
    repos,
    dueIndex,
    deps,
    published,
    started,
    inject(point: FaultPoint, mode: FaultMode) {
      faults.set(point, mode);
    },
    createSchedule(schedule: Partial<NewSchedule> & { id: string }) {
      return storeNewSchedule(
        { repos, dueIndex, clock: () => clock.now },
        {
          tenantId: TENANT,
          reportId: 'r1',
          rule: { kind: 'cron', expression: '* * * * *', timezone: 'UTC' },
          active: true,
          createdBy: 'u1',
          createdAt: clock.now.toISOString(),
          updatedAt: clock.now.toISOString(),
          ...schedule,
        },
      );
    },
    sweep: (): Promise<SweepTally> => sweepDueSchedules(deps),
    /** Sweeps until one has no failure; returns every tally. */
    async sweepUntilClean(max = 10): Promise<SweepTally[]> {
      const tallies: SweepTally[] = [];
      for (let i = 0; i < max; i++) {
        const tally = await sweepDueSchedules(deps);
        tallies.push(tally);
        if (tally.failures.length === 0) return tallies;
      }
      throw new Error(`still failing after ${max} sweeps`);
    },
    /**
     * Hands every message published since the last call to the real consumer use case (a batch to
     * admitExecutionBatch), with the daily quota; a message whose handling fails is delivered again, as the
     * queue would, until it succeeds.
     */
    async deliver(): Promise<void> {
      for (const message of published.slice(delivered)) await admit(noWait(quota), message);
      delivered = published.length;
    },
    /**
     * Hands every message published since the last call to two consumer processes at once (a redelivery
     * racing the first delivery: a visibility timeout that lapsed, a duplicate send), each with its own quota.
     */
    async deliverTwice(): Promise<void> {
      const second = noWait(consumerQuota());
      for (const message of published.slice(delivered))
        await Promise.all([admit(noWait(quota), message), admit(second, message)]);
      delivered = published.length;
    },
    /** The tenant's daily execution count as stored (0 when no row). */
    async quotaCount(tenantId: string, day: string): Promise<number> {
      const client = await tables.table(EXECUTION_COUNTER_TABLE);
      try {
        return (await client.getEntity<{ count: number }>(tenantId, executionCounterRowKey(day))).count;
      } catch {
        return 0;
      }
    },
    async runs(): Promise<ExecutionRun[]> {
      return (await repos.runs.list(TENANT, { limit: 1000 })).items;
    },
    /** The whole due index. */
    rows: (): Promise<DueEntry[]> => dueIndex.dueUntil(new Date('2100-01-01T00:00:00Z')),
  };
}

export type SweepKit = ReturnType<typeof createSweepKit>;

/** Fire times (ISO) of a UTC cron `* * * * *` from `first`, `count` of them, a minute apart. */
export const minutes = (first: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(first) + i * 60_000).toISOString());
