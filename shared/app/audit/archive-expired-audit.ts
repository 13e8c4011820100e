import type { AuditArchive, AuditDayIndex } from '../../ports/audit-archive';
import type { AuditLog } from '../../ports/repositories';

export interface AuditArchiveDeps {
  audit: AuditLog;
  days: AuditDayIndex;
  archive: AuditArchive;
  clock: () => Date;
  /** Events are kept in the table this many days, then archived. */
  retentionDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Daily: each tenant-day older than the retention is written to the archive, then removed from the table,
 * then from the day index — in that order, so a crash at any step leaves work the next pass finishes (an
 * archived day is never written twice, and rows are removed only once their day is in the archive). The
 * index names exactly the expired days, so the work is proportional to what expired.
 */
export async function archiveExpiredAudit(
  deps: AuditArchiveDeps,
): Promise<{ days: number; events: number; backfilled: number | null }> {
  const backfill = await deps.days.backfill();
  const cutoff = new Date(deps.clock().getTime() - deps.retentionDays * DAY_MS).toISOString().slice(0, 10);
  let events = 0;
  const expired = await deps.days.daysBefore(cutoff);
  for (const entry of expired) {
    const range = { from: entry.day, to: entry.day };
    await deps.archive.writeDay(entry, deps.audit.read(entry.tenantId, range));
    events += await deps.audit.removeDay(entry.tenantId, entry.day);
    await deps.days.remove(entry);
  }
  return { days: expired.length, events, backfilled: backfill?.indexed ?? null };
}
