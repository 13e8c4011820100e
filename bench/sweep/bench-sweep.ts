/**
 * `npm run bench:sweep`: one sweep over 50,000 schedules (1,000 tenants, 30 % due in the same minute) against
 * the naive scan, on an in-memory Azurite started here; then the trigger lag of 1,000 fires due in one minute
 * through the scheduler's path (sweep → queue → consumer use case), and with `--with-host` also end to end on the
 * real local host (`npm run bench:sweep -- --with-host`, ~3 minutes more). Figures, not a test. Azurite is slow
 * and single-process, so compare request and entity counts; times are indicative.
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
import { measure, type Measured } from './measure';
import { naivePerTenantScan, naiveTableScan } from './naive-scan';
import { printLag, printSweep } from './print-figures';
import { seedStorage } from './seed-storage';
import { measureSchedulerPathLag } from './scheduler-path-lag';
import { measureTriggerLag, type TriggerLag } from './trigger-lag';

const log = (text: string) => console.log(`[bench] ${text}`);

async function benchSweep() {
  const azurite = await startAzurite({
    location: '',
    inMemory: true,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  try {
    const base = createTableService({ connectionString: azurite.connectionString });
    const data = generateSchedules();
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
    log('naive scans …');
    rows.push([
      'naive: each tenant partition + next fire',
      await measure(counter, () => naivePerTenantScan(repos, data.tenantIds, now, until)),
    ]);
    rows.push([
      'naive: one table scan + next fire',
      await measure(counter, () => naiveTableScan(counter.tables, now, until)),
    ]);
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
    });
  } finally {
    await azurite.stop();
  }
}

async function main() {
  const projectRoot = path.resolve(__dirname, '../../..');
  await benchSweep();
  log('trigger lag (scheduler path): 1,000 schedules due in one minute, sweep → queue → consumer use case …');
  const schedulerPath = await measureSchedulerPathLag(projectRoot);
  let host: TriggerLag | undefined;
  if (process.argv.includes('--with-host')) {
    log('trigger lag (local host): starting it on an in-memory Azurite, 1,000 schedules due in one minute …');
    host = await measureTriggerLag(projectRoot);
  }
  printLag(schedulerPath, host);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
