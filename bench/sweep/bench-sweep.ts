/**
 * `npm run bench:sweep`: figures, not a test, on in-memory Azurites started here. Modes (one per run, each a few
 * minutes; `npm run bench:sweep -- --scale`):
 * - default: fire → orchestration start requested for 1,000 fires of 100 tenants, all at one instant and spread
 *   over a minute, through the scheduler's path (real sweep every 10 s → Storage queue → the host's queue listener →
 *   the consumer use case), today's path (one message per fire) and the batched one side by side, with storage
 *   requests per fire and the load average; `--burner[=n]` runs n busy loops (default 2) meanwhile.
 * - `--sweep`: one sweep over 50,000 schedules (30 % due in one minute) against the naive scans.
 * - `--scale`: what one sweep costs at 5,000, 50,000 and 200,000 schedules, 1,000 of them due.
 * - `--demo`: the `npm start` path on the real local host — fire → run succeeded for small CSV reports.
 * - `--with-host`: 1,000 fires end to end on the real local host (the Durable engine running every report).
 * Azurite is slow and single-process, so compare request counts; times are indicative.
 */
import path from 'node:path';
import { freePort, startAzurite } from '../../local/azurite/start-azurite';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableDueIndex, createTableFireGates } from '../../shared/adapters/table/table-scheduler-store';
import { createTableScheduleStateStore } from '../../shared/adapters/table/table-schedule-state-store';
import { createTableService } from '../../shared/adapters/table/table-service';
import { sweepDueSchedules } from '../../shared/app/sweep/sweep-due-schedules';
import { executionQueueName } from '../../shared/contracts/run-messages';
import { DUE_MINUTE, generateSchedules } from './bench-schedules';
import { countingTableService } from './counting-tables';
import { loadAverage, startBurners } from './load-average';
import { measure, type Measured } from './measure';
import { naivePerTenantScan, naiveTableScan } from './naive-scan';
import { printLag, printPathComparison, printSweep } from './print-figures';
import { seedStorage } from './seed-storage';
import { measureSchedulerPathLag, type PathLag } from './scheduler-path-lag';
import { measureTriggerLag } from './trigger-lag';

const log = (text: string) => console.log(`[bench] ${text}`);

/** One sweep over `tenants × perTenant` schedules; with `naive`, the naive scans too. */
async function benchSweep(options: {
  tenants: number;
  perTenant: number;
  duePerThousand: number;
  naive: boolean;
}) {
  const azurite = await startAzurite({
    location: '',
    inMemory: true,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  try {
    const base = createTableService({ connectionString: azurite.connectionString });
    const data = generateSchedules(options.tenants, options.perTenant, options.duePerThousand);
    log(`seeding ${data.schedules.length} schedules (${data.due} due at ${DUE_MINUTE.toISOString()}) …`);
    const started = Date.now();
    const batches = await seedStorage(base, data.schedules);
    log(`seeded with ${batches} batch transactions in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const counter = countingTableService(base);
    const repos = createTableRepositories(counter.tables);
    const sample = data.schedules[123]!;
    const readBack = await repos.schedules.get(sample.tenantId, sample.id);
    if (JSON.stringify(readBack?.doc) !== JSON.stringify(sample))
      throw new Error('seeded rows do not read back');

    const dueIndex = createTableDueIndex(counter.tables);
    const now = new Date(DUE_MINUTE.getTime() - 30_000);
    const until = new Date(now.getTime() + 60_000);
    const quietUntil = new Date(DUE_MINUTE.getTime() + 15 * 60_000 + 30_000);
    const rows: [string, Measured<number>][] = [];
    if (options.naive) {
      log('naive scans …');
      rows.push([
        'naive: each tenant partition + next fire',
        await measure(counter, () => naivePerTenantScan(repos, data.tenantIds, now, until)),
      ]);
      rows.push([
        'naive: one table scan + next fire',
        await measure(counter, () => naiveTableScan(counter.tables, now, until)),
      ]);
    }
    log('sweep …');
    rows.push([
      'sweep: find due (index read)',
      await measure(counter, async () => (await dueIndex.dueUntil(until)).length),
    ]);
    const bus = createStorageQueueMessageBus({ connectionString: azurite.connectionString }, () => now);
    let published = 0;
    const sweep = await measure(counter, () =>
      sweepDueSchedules({
        repos,
        schedules: createTableScheduleStateStore(counter.tables),
        dueIndex,
        gates: createTableFireGates(counter.tables),
        bus: { ping: () => bus.ping(), publish: (q, m) => bus.publish(q, m).then(() => void published++) },
        clock: () => now,
        executionQueue: executionQueueName,
        lookaheadSeconds: 60,
        misfireGraceSeconds: 60,
        batchFires: true,
      }),
    );
    if (sweep.result.failures.length || sweep.result.published !== data.due)
      throw new Error(
        `sweep published ${sweep.result.published} of ${data.due}, ${sweep.result.failures.length} failures`,
      );
    rows.push([
      'sweep: whole sweep (find, gate, publish, mark, advance)',
      { ...sweep, result: sweep.result.due },
    ]);
    const quiet = await measure(counter, async () => (await dueIndex.dueUntil(quietUntil)).length);
    rows.push(['sweep: find due, a quarter hour later', quiet]);
    printSweep({
      schedules: data.schedules.length,
      tenants: data.tenantIds.length,
      due: data.due,
      rows,
      published,
      load: loadAverage(),
    });
  } finally {
    await azurite.stop();
  }
}

const burnersWanted = (): number => {
  const arg = process.argv.find((a) => a.startsWith('--burner'));
  if (!arg) return 0;
  return arg.includes('=') ? Number(arg.split('=')[1]) : 2;
};

async function benchPaths(projectRoot: string): Promise<void> {
  const burners = burnersWanted();
  const burner = burners ? startBurners(burners) : undefined;
  try {
    const runs: PathLag[] = [];
    for (const spread of [false, true])
      for (const batch of [false, true]) {
        log(
          `scheduler path: 1,000 fires ${spread ? 'spread over a minute' : 'at one instant'}, ${batch ? 'batched' : "today's path"} (load ${loadAverage().toFixed(1)}) …`,
        );
        runs.push(await measureSchedulerPathLag(projectRoot, { batch, spread }));
      }
    printPathComparison(runs, burners);
  } finally {
    burner?.stop();
  }
}

async function main() {
  const projectRoot = path.resolve(__dirname, '../../..');
  const has = (flag: string) => process.argv.includes(flag);
  if (has('--sweep')) await benchSweep({ tenants: 1000, perTenant: 50, duePerThousand: 300, naive: true });
  else if (has('--scale'))
    for (const tenants of [100, 1000, 4000])
      await benchSweep({ tenants, perTenant: 50, duePerThousand: 50_000 / tenants, naive: false });
  else if (has('--demo')) {
    log(
      'the npm start path: the real local host, 5 CSV reports due in one minute, until each run succeeded …',
    );
    const loadBefore = loadAverage();
    printLag(undefined, await measureTriggerLag(projectRoot, 5, 5, true));
    console.log(
      `(load average ${loadBefore.toFixed(1)} at the start, ${loadAverage().toFixed(1)} at the end)`,
    );
  } else if (has('--with-host')) {
    log('trigger lag (local host): starting it on an in-memory Azurite, 1,000 schedules due in one minute …');
    printLag(undefined, await measureTriggerLag(projectRoot));
  } else await benchPaths(projectRoot);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
