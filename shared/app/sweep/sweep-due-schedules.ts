import type { DueEntry } from '../../ports/scheduler-store';
import { createFireBatcher } from './fire-batcher';
import { forEachConcurrently } from './for-each-concurrently';
import type { SweepDeps, SweepTally } from './sweep-deps';
import { sweepSchedule } from './sweep-schedule';

export type { SweepDeps, SweepTally } from './sweep-deps';
export { runIdForFire } from './run-id-for-fire';

/**
 * One sweep: read the due index up to now + look-ahead (O(due) rows), then for each schedule, in fire-time order:
 * gate → publish → mark → advance, or — for a fire found later than the grace period — the schedule's misfire
 * policy. A crash between any two steps is healed by the next sweep; see docs/scheduler.md. A schedule that fails
 * is reported in `failures` and retried by the next sweep (its row is still there); the others go on.
 */
export async function sweepDueSchedules(sweepDeps: SweepDeps): Promise<SweepTally> {
  const deps = sweepDeps.batchFires
    ? { ...sweepDeps, publishFire: createFireBatcher(sweepDeps.bus, sweepDeps.executionQueue) }
    : sweepDeps;
  const sweptAt = deps.clock();
  const until = new Date(sweptAt.getTime() + deps.lookaheadSeconds * 1000);
  const entries = await deps.dueIndex.dueUntil(until);
  const tally: SweepTally = { due: entries.length, published: 0, missed: 0, stale: 0, failures: [] };
  await forEachConcurrently(groupBySchedule(entries), deps.concurrency ?? 128, async (group) => {
    try {
      await sweepSchedule(deps, group, { sweptAt, until }, tally);
    } catch (error) {
      const { tenantId, scheduleId, fireTime } = group[0]!;
      tally.failures.push({ tenantId, scheduleId, fireTime, error });
    }
  });
  return tally;
}

/**
 * Entries per schedule, each group in fire-time order (the index returns them sorted); groups by first fire time,
 * then tenant, so schedules of one tenant are swept side by side and their reads and writes (one partition) can
 * share requests.
 */
function groupBySchedule(entries: readonly DueEntry[]): DueEntry[][] {
  const groups = new Map<string, DueEntry[]>();
  for (const entry of entries) {
    const key = `${entry.tenantId}|${entry.scheduleId}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const first = (group: DueEntry[]) => group[0]!;
  return [...groups.values()].sort(
    (a, b) =>
      Date.parse(first(a).fireTime) - Date.parse(first(b).fireTime) ||
      first(a).tenantId.localeCompare(first(b).tenantId),
  );
}
