import type { DueEntry } from '../../ports/scheduler-store';
import { dropStaleRow } from './drop-stale-row';
import { fireDueEntry } from './fire-due-entry';
import type { SweepDeps, SweepTally } from './sweep-deps';

/** Fires of one schedule one sweep handles at most (a seconds-cron inside a long look-ahead). */
const MAX_FIRES_PER_SWEEP = 100;

const byFireTime = (a: DueEntry, b: DueEntry) => Date.parse(a.fireTime) - Date.parse(b.fireTime);

/**
 * One schedule's due rows, in fire-time order, against its current state: the row at `nextRunAt` fires and
 * advances the schedule; any other row is stale. A next fire that falls inside the look-ahead is handled in the
 * same sweep, so a schedule firing more often than the sweep runs keeps up.
 */
export async function sweepSchedule(
  deps: SweepDeps,
  entries: readonly DueEntry[],
  window: { sweptAt: Date; until: Date },
  tally: SweepTally,
): Promise<void> {
  const { tenantId, scheduleId } = entries[0]!;
  const queue = [...entries];
  let current = await deps.schedules.get(tenantId, scheduleId);
  let fired = 0;
  for (let entry = queue.shift(); entry; entry = queue.shift()) {
    if (!current || !current.doc.active || current.doc.nextRunAt !== entry.fireTime) {
      await dropStaleRow(deps, entry, current);
      tally.stale++;
      continue;
    }
    current = await fireDueEntry(deps, entry, current, window.sweptAt, tally);
    const next = current?.doc.active ? current.doc.nextRunAt : null;
    if (next === null || Date.parse(next) > window.until.getTime() || ++fired >= MAX_FIRES_PER_SWEEP)
      continue;
    if (!queue.some((e) => e.fireTime === next)) {
      queue.push({ tenantId, scheduleId, fireTime: next });
      queue.sort(byFireTime);
    }
  }
}
