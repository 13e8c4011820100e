import type { DueIndex, FireGateKey, FireGates } from '../../ports/scheduler-store';

/** Gates are kept this long after their fire time (see docs/scheduler.md, "Gate expiry"). */
export const FIRE_GATE_RETENTION_DAYS = 30;

const DAY_MS = 24 * 3600 * 1000;

/**
 * Deletes the fire gates of fires more than `retentionDays` before now, reading only those gates (a range of
 * day-first partitions). A gate is consulted again only by a sweep holding a due row at or before its fire time —
 * never by a message or a consumer retry, which dedupe on the run row — so a gate is kept, however old, while its
 * schedule still has a due row at or before its fire time: a schedule stuck (or caught up after a long outage)
 * still finds its gates, and with them the decisions (`plannedAt`) its first sweep froze. That read is one range
 * query over the index's past buckets, empty in normal operation. A row is only ever added after the fire being
 * handled (or at a time computed from now), so no row older than the cutoff can appear after it was read.
 */
export async function expireFireGates(
  deps: { gates: FireGates; dueIndex: DueIndex; clock: () => Date },
  retentionDays = FIRE_GATE_RETENTION_DAYS,
): Promise<{ deleted: number; kept: number }> {
  const cutoff = new Date(deps.clock().getTime() - retentionDays * DAY_MS);
  const cutoffDay = cutoff.toISOString().slice(0, 10);
  // The earliest due row of each schedule that has one before the cutoff (a stuck or long-down schedule).
  const earliestRow = new Map<string, number>();
  for (const e of await deps.dueIndex.dueUntil(new Date(`${cutoffDay}T00:00:00.000Z`))) {
    const key = `${e.tenantId}|${e.scheduleId}`;
    earliestRow.set(key, Math.min(earliestRow.get(key) ?? Infinity, Date.parse(e.fireTime)));
  }
  const stillNeeded = (g: FireGateKey) =>
    Date.parse(g.fireTime) >= (earliestRow.get(`${g.tenantId}|${g.scheduleId}`) ?? Infinity);
  let deleted = 0;
  let kept = 0;
  for await (const page of deps.gates.firedBefore(cutoffDay)) {
    const expired = page.filter((g) => !stillNeeded(g));
    kept += page.length - expired.length;
    await deps.gates.remove(expired);
    deleted += expired.length;
  }
  return { deleted, kept };
}
