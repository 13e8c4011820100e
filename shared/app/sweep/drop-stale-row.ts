import type { Schedule } from '../../contracts/schedule';
import type { Versioned } from '../../ports/repositories';
import type { DueEntry, DueIndex, ScheduleStateStore } from '../../ports/scheduler-store';

/**
 * A due row that is not at its schedule's `nextRunAt` (the schedule fired, changed, paused or went away). Before
 * dropping it, the row the schedule needs is made sure of (healing a writer that died between its commit and its
 * check); after, the schedule is read again, and if a writer has just moved it onto this very row, the row is put
 * back. Either way no schedule is left without its row.
 */
export async function dropStaleRow(
  deps: { schedules: ScheduleStateStore; dueIndex: DueIndex },
  entry: DueEntry,
  snapshot: Versioned<Schedule> | undefined,
): Promise<void> {
  const { tenantId, scheduleId } = entry;
  const doc = snapshot?.doc;
  if (doc?.active && doc.nextRunAt !== null && doc.nextRunAt !== entry.fireTime)
    await deps.dueIndex.add({ tenantId, scheduleId, fireTime: doc.nextRunAt });
  await deps.dueIndex.remove(entry);
  const again = await deps.schedules.get(tenantId, scheduleId);
  if (again?.doc.active && again.doc.nextRunAt === entry.fireTime) await deps.dueIndex.add(entry);
}
