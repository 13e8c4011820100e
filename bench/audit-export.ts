/**
 * `npm run bench:audit-export`: 20,000 audit events of one tenant over 400 days (the older ones archived to
 * Blob by the daily archive, the rest in the table), exported as CSV through the export use case on an
 * in-memory Azurite started here. Prints events/s and the heap sampled while streaming: it should stay flat
 * (one page of 1,000 events and one 64 KB chunk at a time), not grow with the number of events.
 * Figures, not a test; Azurite is single-process, so the rate is Azurite's as much as ours.
 */
import type { TransactionAction } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { freePort, startAzurite } from '../local/azurite/start-azurite';
import { createBlobAuditArchive } from '../shared/adapters/blob/blob-audit-archive';
import { encodeDoc } from '../shared/adapters/table/doc-codec';
import { createTableAuditDayIndex, createTableAuditLog } from '../shared/adapters/table/table-audit-log';
import { createTableService } from '../shared/adapters/table/table-service';
import { archiveExpiredAudit } from '../shared/app/audit/archive-expired-audit';
import { exportAuditEvents } from '../shared/app/audit/export-audit-events';
import type { AuditEvent } from '../shared/contracts/audit-event';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const DAYS = 400;
const NOW = new Date('2026-06-01T00:00:00Z');
const tenantId = 'bench-tenant';
const log = (text: string) => console.log(`[bench] ${text}`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function eventAt(i: number): AuditEvent {
  const at = new Date(NOW.getTime() - DAYS * 86_400_000 + Math.floor((i * DAYS * 86_400_000) / EVENTS));
  return {
    id: `0190${String(i).padStart(8, '0')}`,
    tenantId,
    actorId: `user-${i % 37}`,
    action: 'schedule.updated',
    entityType: 'schedule',
    entityId: `s-${i % 500}`,
    timestamp: at.toISOString(),
    diff: {
      cronExpr: { from: '0 8 * * 1-5', to: '0 9 * * 1-5' },
      timezone: { from: 'UTC', to: 'Europe/Paris' },
    },
  };
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
    const events = await tables.table('auditevents');
    log(`seeding ${EVENTS} events over ${DAYS} days …`);
    let batch: TransactionAction[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const e = eventAt(i);
      const row = { partitionKey: tenantId, rowKey: `${e.timestamp}|${e.id}`, entityType: e.entityType };
      batch.push(['create', { ...row, ...encodeDoc(e) }]);
      if (batch.length === 100 || i === EVENTS - 1) {
        await events.submitTransaction(batch);
        batch = [];
      }
    }
    const deps = {
      audit: createTableAuditLog(tables),
      days: createTableAuditDayIndex(tables),
      archive: createBlobAuditArchive(
        BlobServiceClient.fromConnectionString(azurite.connectionString),
        'audit-archive',
      ),
      clock: () => NOW,
      retentionDays: 365,
    };
    const archiveStart = Date.now();
    const archived = await archiveExpiredAudit(deps);
    log(
      `archived ${archived.events} events (${archived.days} tenant-days, backfill indexed ${archived.backfilled}) ` +
        `in ${((Date.now() - archiveStart) / 1000).toFixed(1)} s`,
    );

    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(process.memoryUsage().heapUsed), 50);
    const started = process.hrtime.bigint();
    const chunks = await exportAuditEvents(
      deps,
      { tenantId, userId: 'bench', roles: ['tenant_admin'] },
      { format: 'csv' },
    );
    let bytes = 0;
    let lines = 0;
    const heapAt: string[] = [];
    for await (const chunk of chunks) {
      bytes += chunk.length;
      const before = lines;
      lines += chunk.split('\r\n').length - 1;
      if (Math.floor(before / 5_000) !== Math.floor(lines / 5_000))
        heapAt.push(`${lines}: ${mb(process.memoryUsage().heapUsed)}`);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const exported = lines - 1; // the header
    log(`exported ${exported} events (${mb(bytes)} of CSV) in ${seconds.toFixed(2)} s`);
    console.log(
      `\nAudit export, ${exported} events (${archived.events} archived + ${exported - archived.events} in the table)`,
    );
    console.log(`  rate:         ${Math.round(exported / seconds)} events/s`);
    console.log(`  heap before:  ${mb(baseline)}`);
    console.log(`  heap peak:    ${mb(Math.max(baseline, ...samples))} (sampled every 50 ms)`);
    console.log(`  heap by line: ${heapAt.join(', ')}`);
    if (exported !== EVENTS + 1) throw new Error(`expected ${EVENTS} events and the export's own record`);
  } finally {
    await azurite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
