import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../local/azurite/start-azurite';
import { readLocalOptions } from '../../local/local-options';
import { startLocalHost } from '../../local/start-local-host';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableDueIndex } from '../../shared/adapters/table/table-scheduler-store';
import { createTableService } from '../../shared/adapters/table/table-service';
import { storeNewSchedule } from '../../shared/app/schedules/store-new-schedule';
import { forEachConcurrently } from '../../shared/app/sweep/for-each-concurrently';
import { runIdForFire } from '../../shared/app/sweep/run-id-for-fire';
import type { ReportDefinition } from '../../shared/contracts/report';
import { ZONES } from './bench-schedules';

export interface TriggerLag {
  fireTime: string;
  count: number;
  /** Fire time → the consumer inserted the run row (message received), ms. */
  consumed: number[];
  /** Fire time → the reportRun orchestration instance was created (`startNew`), ms. */
  orchestrated: number[];
  /** How long before its fire time each fire's gate was marked published (the host sweep's margin), ms. */
  publishedAhead: number[];
  missing: number;
  /** Fire time → the run succeeded (its endedAt), ms; measured only with `untilSucceeded`. */
  succeeded: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const localHourMinute = (zone: string, at: Date) =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' })
    .formatToParts(at)
    .filter((p) => p.type === 'hour' || p.type === 'minute')
    .map((p) => Number(p.value));

/**
 * The real local host (in-memory Azurite, the app's own timer sweep, Storage-queue consumer and Durable engine),
 * `count` cron schedules in ten zones all due in the same minute. Measured per fire: fire time → run row written by
 * the ExecutionRequested consumer, and fire time → orchestration instance created — read from the host's storage
 * (the run row's createdAt, the Durable instance row's CreatedTime, both ms precision).
 */
export async function measureTriggerLag(
  projectRoot: string,
  count = 1000,
  tenants = 100,
  untilSucceeded = false,
): Promise<TriggerLag> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lag-'));
  const env = {
    PORT: String(await freePort()),
    AZURITE_BLOB_PORT: String(await freePort()),
    AZURITE_QUEUE_PORT: String(await freePort()),
    AZURITE_TABLE_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    DEMO_SALES_ROWS: '1000',
    LOG_LEVEL: 'warn',
  };
  const host = await startLocalHost(readLocalOptions(projectRoot, env, ['--in-memory']));
  try {
    const tables = createTableService({ connectionString: host.connectionString });
    const repos = createTableRepositories(tables);
    const deps = { repos, dueIndex: createTableDueIndex(tables), clock: () => new Date() };
    const fire = new Date(Math.ceil((Date.now() + 80_000) / 60_000) * 60_000);
    const at = new Date().toISOString();
    await forEachConcurrently(
      Array.from({ length: tenants }, (_, t) => t),
      16,
      async (t) => {
        const report: ReportDefinition = {
          id: `lag-report-${t}`,
          tenantId: `lag-t${t}`,
          name: 'Sales by region',
          description: '',
          dataSource: {
            connectionId: 'demo',
            sql: 'select region, sum(amount) as total from sales group by region',
            parameters: [],
          },
          outputs: [{ format: 'csv' }],
          active: true,
          createdBy: 'bench',
          createdAt: at,
          updatedAt: at,
        };
        await repos.reports.insert(report.tenantId, report);
      },
    );
    const fires = Array.from({ length: count }, (_, i) => ({
      tenantId: `lag-t${i % tenants}`,
      scheduleId: `lag-${i}`,
    }));
    await forEachConcurrently(fires, 16, async ({ tenantId, scheduleId }) => {
      const zone = ZONES[Number(scheduleId.slice(4)) % ZONES.length]!;
      const [hour, minute] = localHourMinute(zone, fire);
      await storeNewSchedule(deps, {
        id: scheduleId,
        tenantId,
        reportId: `lag-report-${tenantId.slice(5)}`,
        rule: { kind: 'cron', expression: `${minute} ${hour} * * *`, timezone: zone },
        active: true,
        createdBy: 'bench',
        createdAt: at,
        updatedAt: at,
      });
    });
    const fireTime = fire.toISOString();
    const runIds = new Map(fires.map((f) => [runIdForFire({ ...f, fireTime }), f.tenantId]));
    await sleep(Math.max(0, fire.getTime() + 20_000 - Date.now()));
    const instances = await tables.table(`${host.hostJson.durableTask.hubName}Instances`);
    const created = new Map<string, Date>();
    for (let wait = 0; created.size < count && wait < 12; wait++) {
      if (wait > 0) await sleep(5_000);
      for await (const row of instances.listEntities<{ CreatedTime: Date }>())
        if (runIds.has(row.partitionKey!)) created.set(row.partitionKey!, row.CreatedTime);
    }
    const publishedAhead: number[] = [];
    for await (const gate of (await tables.table('firegates')).listEntities<{ state: string }>())
      if (gate.state === 'published' && gate.timestamp)
        publishedAhead.push(fire.getTime() - Date.parse(gate.timestamp));
    const consumed: number[] = [];
    const succeeded = new Map<string, number>();
    for (let wait = 0; wait < (untilSucceeded ? 60 : 1); wait++) {
      if (wait > 0) await sleep(2_000);
      consumed.length = 0;
      await forEachConcurrently([...runIds], 16, async ([runId, tenantId]) => {
        const run = await repos.runs.get(tenantId, runId);
        if (run) consumed.push(Date.parse(run.doc.createdAt) - fire.getTime());
        if (run?.doc.status === 'succeeded' && run.doc.endedAt)
          succeeded.set(runId, Date.parse(run.doc.endedAt) - fire.getTime());
      });
      if (succeeded.size === count) break;
    }
    return {
      fireTime,
      count,
      consumed,
      orchestrated: [...created.values()].map((t) => new Date(t).getTime() - fire.getTime()),
      publishedAhead,
      missing: count - created.size,
      succeeded: untilSucceeded ? [...succeeded.values()] : [],
    };
  } finally {
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
