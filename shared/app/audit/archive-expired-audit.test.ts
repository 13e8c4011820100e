import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { createBlobAuditArchive } from '../../adapters/blob/blob-audit-archive';
import { createTableAuditDayIndex, createTableAuditLog } from '../../adapters/table/table-audit-log';
import { createTableService } from '../../adapters/table/table-service';
import { encodeDoc } from '../../adapters/table/doc-codec';
import type { AuditEvent } from '../../contracts/audit-event';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { archiveExpiredAudit, type AuditArchiveDeps } from './archive-expired-audit';
import { readAuditTrail } from './export-audit-events';

/** Tables under a fresh prefix and a fresh container: the day index and its backfill mark are global. */
function setup(now: string) {
  const tables = createTableService(
    { connectionString: testConnectionString() },
    { prefix: uniqueName('aud') },
  );
  const service = BlobServiceClient.fromConnectionString(testConnectionString());
  const container = uniqueName('audit-archive-');
  const deps: AuditArchiveDeps = {
    audit: createTableAuditLog(tables),
    days: createTableAuditDayIndex(tables),
    archive: createBlobAuditArchive(service, container),
    clock: () => new Date(now),
    retentionDays: 365,
  };
  return { deps, tables, container: service.getContainerClient(container) };
}

let seq = 0;
const event = (tenantId: string, timestamp: string): AuditEvent => ({
  id: `e${String(seq++).padStart(4, '0')}`,
  tenantId,
  actorId: 'u1',
  action: 'report.updated',
  entityType: 'report',
  entityId: 'r1',
  timestamp,
  diff: { name: { from: 'a', to: 'b' } },
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const everything = { from: '', to: '9999' };

describe('archiving audit days past retention', () => {
  it('moves expired days to one blob per tenant-day, removes them from the table, and reads both in order', async () => {
    const { deps, container } = setup('2026-06-15T03:00:00Z');
    const old = [event('acme', '2025-06-13T10:00:00.000Z'), event('acme', '2025-06-13T23:59:59.999Z')];
    const older = event('acme', '2025-01-02T08:00:00.000Z');
    const edge = event('acme', '2025-06-15T00:00:00.000Z'); // exactly 365 days: kept
    const recent = event('acme', '2026-06-14T09:00:00.000Z');
    const others = event('globex', '2025-06-13T11:00:00.000Z');
    for (const e of [recent, old[1]!, older, edge, old[0]!, others]) await deps.audit.append(e);

    const outcome = await archiveExpiredAudit(deps);
    expect(outcome).toMatchObject({ days: 3, events: 4 });

    const blobs = (await all(container.listBlobsFlat())).map((b) => b.name).sort();
    expect(blobs).toEqual([
      'tenants/acme/audit/2025/2025-01-02.ndjson',
      'tenants/acme/audit/2025/2025-06-13.ndjson',
      'tenants/globex/audit/2025/2025-06-13.ndjson',
    ]);
    expect((await all(deps.audit.read('acme', everything))).map((e) => e.id)).toEqual([edge.id, recent.id]);
    const trail = await all(readAuditTrail(deps, 'acme', everything));
    expect(trail).toEqual([older, old[0], old[1], edge, recent]);
    expect(await all(readAuditTrail(deps, 'globex', everything))).toEqual([others]);
    // A range inside an archived day is cut to the instant.
    const cut = await all(readAuditTrail(deps, 'acme', { from: '2025-06-13T12:00', to: '2025-06-15' }));
    expect(cut.map((e) => e.id)).toEqual([old[1]!.id, edge.id]);

    // Nothing left to do: the index no longer names those days.
    expect(await archiveExpiredAudit(deps)).toEqual({ days: 0, events: 0, backfilled: null });
  });

  it('finishes a day whose blob was written before a crash, without rewriting the blob', async () => {
    const { deps, container } = setup('2026-06-15T03:00:00Z');
    const first = event('acme', '2025-03-01T10:00:00.000Z');
    await deps.audit.append(first);
    await deps.archive.writeDay({ tenantId: 'acme', day: '2025-03-01' }, deps.audit.read('acme', everything));
    const blob = container.getBlobClient('tenants/acme/audit/2025/2025-03-01.ndjson');
    const etag = (await blob.getProperties()).etag;

    expect(await archiveExpiredAudit(deps)).toMatchObject({ days: 1, events: 1 });
    expect((await blob.getProperties()).etag).toBe(etag);
    expect(await all(readAuditTrail(deps, 'acme', everything))).toEqual([first]);
  });

  it('indexes events written before the day index existed, once', async () => {
    const { deps, tables } = setup('2026-06-15T03:00:00Z');
    const legacy = event('acme', '2024-11-30T10:00:00.000Z');
    // Written the way the log wrote events before it kept the day index.
    await (
      await tables.table('auditevents')
    ).createEntity({
      partitionKey: legacy.tenantId,
      rowKey: `${legacy.timestamp}|${legacy.id}`,
      entityType: legacy.entityType,
      ...encodeDoc(legacy),
    });
    expect(await archiveExpiredAudit(deps)).toEqual({ days: 1, events: 1, backfilled: 1 });
    expect(await all(deps.audit.read('acme', everything))).toEqual([]);
    expect(await all(readAuditTrail(deps, 'acme', everything))).toEqual([legacy]);
    expect((await archiveExpiredAudit(deps)).backfilled).toBeNull();
  });
});
