import type { AuditEvent } from '../../contracts/audit-event';
import { rangeKey } from '../../contracts/audit-resources';
import type { AuditArchive } from '../../ports/audit-archive';
import type { AuditLog } from '../../ports/repositories';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { csvHeader, formatAuditLine, type AuditExportFormat } from './audit-export-format';
import { recordAudit } from './record-audit';

export interface AuditExportDeps {
  audit: AuditLog;
  archive: AuditArchive;
  clock: () => Date;
}

export interface AuditExportQuery {
  startDate?: string;
  endDate?: string;
  format: AuditExportFormat;
}

const CHUNK_CHARS = 64 * 1024;

const keyOf = (event: AuditEvent) => `${event.timestamp}|${event.id}`;

/** Two streams ordered by key, as one ordered stream. */
async function* mergeByKey(a: AsyncIterable<AuditEvent>, b: AsyncIterable<AuditEvent>) {
  const left = a[Symbol.asyncIterator]();
  const right = b[Symbol.asyncIterator]();
  let [l, r] = await Promise.all([left.next(), right.next()]);
  while (!l.done || !r.done) {
    if (r.done || (!l.done && keyOf(l.value) <= keyOf(r.value))) {
      yield l.value as AuditEvent;
      l = await left.next();
    } else {
      yield r.value;
      r = await right.next();
    }
  }
}

/**
 * The whole trail of a range, oldest first: days already archived are read from the archive, the rest
 * from the table (a day found in both — archived, not yet removed — is read from the archive only). One
 * event at a time is held, so memory stays flat however long the range.
 */
export async function* readAuditTrail(
  deps: Pick<AuditExportDeps, 'audit' | 'archive'>,
  tenantId: string,
  range: { from: string; to: string },
): AsyncGenerator<AuditEvent> {
  const end = `${range.to}\uffff`;
  const inRange = (event: AuditEvent) => keyOf(event) >= range.from && keyOf(event) < end;
  const archived = await deps.archive.listDays(
    tenantId,
    range.from.slice(0, 10) || '0000-01-01',
    range.to.slice(0, 10),
  );
  const archivedDays = new Set(archived);
  async function* fromArchive() {
    for (const day of archived)
      for await (const event of deps.archive.readDay({ tenantId, day })) if (inRange(event)) yield event;
  }
  async function* fromTable() {
    for await (const event of deps.audit.read(tenantId, range))
      if (!archivedDays.has(event.timestamp.slice(0, 10))) yield event;
  }
  yield* mergeByKey(fromArchive(), fromTable());
}

/**
 * The streamed compliance export (tenant admins): CSV or NDJSON lines of every event in the range. The
 * export is recorded before the first line is sent (`audit.exported`).
 */
export async function exportAuditEvents(
  deps: AuditExportDeps,
  principal: Principal,
  query: AuditExportQuery,
): Promise<AsyncGenerator<string>> {
  authorize(principal, 'admin');
  const range = {
    from: query.startDate ? rangeKey(query.startDate) : '',
    to: query.endDate ? rangeKey(query.endDate) : '9999',
  };
  await recordAudit(deps, principal, {
    action: 'audit.exported',
    entityType: 'audit',
    entityId: 'audit-events',
    diff: { startDate: query.startDate ?? null, endDate: query.endDate ?? null, format: query.format },
  });
  return (async function* chunks() {
    // Lines go out in chunks of about 64 KB: one write per event would cost more than the event.
    let chunk = query.format === 'csv' ? csvHeader : '';
    for await (const event of readAuditTrail(deps, principal.tenantId, range)) {
      chunk += formatAuditLine(query.format, event);
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  })();
}
