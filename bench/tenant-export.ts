/**
 * `npm run bench:tenant-export`: one tenant with 20,000 runs and 20,000 audit events, exported to a zip in
 * Blob through the export worker's use case on an in-memory Azurite started here. Prints rows/s, the zip's
 * size and the heap sampled while it is written: it should stay flat (a page of 100 rows, a 64 KB chunk and
 * the upload's few 1 MB blocks at a time), not grow with the tenant. Figures, not a test.
 */
import type { TransactionAction } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { freePort, startAzurite } from '../local/azurite/start-azurite';
import { createBlobArtifactStore } from '../shared/adapters/blob/blob-artifact-store';
import { createBlobAuditArchive } from '../shared/adapters/blob/blob-audit-archive';
import { createTableDataSourceStore } from '../shared/adapters/datasources/table-data-source-store';
import { createTableSubscriptions } from '../shared/adapters/table/table-subscription-stores';
import { encodeDoc } from '../shared/adapters/table/doc-codec';
import { createTableDeliveryLedger } from '../shared/adapters/table/table-delivery-ledger';
import { createTableRepositories } from '../shared/adapters/table/table-repositories';
import { createTableService } from '../shared/adapters/table/table-service';
import { createTableTenantExports } from '../shared/adapters/table/table-tenant-exports';
import { runTenantExport } from '../shared/app/tenants/export/run-tenant-export';
import type { ExecutionRun } from '../shared/contracts/run';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const tenantId = 'bench-tenant';
const log = (text: string) => console.log(`[bench] ${text}`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const NOW = new Date('2026-06-01T00:00:00Z');

function runAt(i: number): ExecutionRun {
  const at = new Date(NOW.getTime() - i * 60_000).toISOString();
  return {
    id: `run-${String(i).padStart(8, '0')}`,
    tenantId,
    reportId: `r-${i % 50}`,
    scheduleId: `s-${i % 200}`,
    trigger: 'schedule',
    fireTime: at,
    status: 'succeeded',
    attempt: 1,
    parameters: { region: 'EMEA', minQty: i % 10 },
    steps: [],
    rowCount: 1_000 + i,
    bytes: 40_000 + i,
    workerId: 'bench',
    error: null,
    createdAt: at,
    startedAt: at,
    endedAt: at,
  };
}

async function seed(
  table: Awaited<ReturnType<ReturnType<typeof createTableService>['table']>>,
  rows: Record<string, unknown>[],
) {
  let batch: TransactionAction[] = [];
  for (const [i, row] of rows.entries()) {
    batch.push(['create', row as never]);
    if (batch.length === 100 || i === rows.length - 1) {
      await table.submitTransaction(batch);
      batch = [];
    }
  }
}

async function main() {
  const azurite = await startAzurite({
    location: '',
    inMemory: true,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  try {
    const tables = createTableService({ connectionString: azurite.connectionString });
    const blobService = BlobServiceClient.fromConnectionString(azurite.connectionString);
    log(`seeding ${ROWS} runs and ${ROWS} audit events …`);
    const runs = Array.from({ length: ROWS }, (_, i) => runAt(i));
    await seed(
      await tables.table('runs'),
      runs.map((r) => ({ partitionKey: tenantId, rowKey: `id|${r.id}`, ...encodeDoc(r) })),
    );
    await seed(
      await tables.table('auditevents'),
      runs.map((r, i) => {
        const e = {
          id: `0190${String(i).padStart(8, '0')}`,
          tenantId,
          actorId: `user-${i % 37}`,
          action: 'run.succeeded',
          entityType: 'run',
          entityId: r.id,
          timestamp: r.createdAt,
          diff: { rows: r.rowCount },
        };
        return {
          partitionKey: tenantId,
          rowKey: `${e.timestamp}|${e.id}`,
          entityType: 'run',
          ...encodeDoc(e),
        };
      }),
    );
    const exports = createTableTenantExports(tables);
    await exports.insert(tenantId, {
      id: 'bench-export',
      tenantId,
      status: 'running',
      requestedBy: 'bench',
      createdAt: new Date().toISOString(),
      leaseUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const blobs = createBlobArtifactStore(blobService, 'artifacts');
    const deps = {
      exports,
      repos: createTableRepositories(tables),
      dataSources: createTableDataSourceStore(tables),
      subscriptions: createTableSubscriptions(tables),
      deliveries: createTableDeliveryLedger(tables),
      archive: createBlobAuditArchive(blobService, 'audit-archive'),
      blobs,
      bus: { publish: () => Promise.resolve(), ping: () => Promise.resolve() },
      clock: () => new Date(),
      expireBlob: () => Promise.resolve(),
    };

    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(process.memoryUsage().heapUsed), 50);
    const started = process.hrtime.bigint();
    const outcome = await runTenantExport(deps, { tenantId, exportId: 'bench-export' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const record = (await exports.get(tenantId, 'bench-export'))?.doc;
    if (outcome !== 'succeeded' || !record?.sizeBytes) throw new Error(`export ${outcome}`);
    console.log(`\nTenant export, ${ROWS} runs + ${ROWS} audit events`);
    console.log(`  time:        ${seconds.toFixed(2)} s (${Math.round((2 * ROWS) / seconds)} rows/s)`);
    console.log(`  zip:         ${mb(record.sizeBytes)}`);
    console.log(`  heap before: ${mb(baseline)}`);
    console.log(`  heap peak:   ${mb(Math.max(baseline, ...samples))} (sampled every 50 ms)`);
  } finally {
    await azurite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
