import type { Schedule } from '../../contracts/schedule';
import { AppError } from '../../domain/errors';
import type { FireContext } from '../../domain/scheduling/fire';
import type { Versioned } from '../../ports/repositories';
import type { DueEntry } from '../../ports/scheduler-store';
import { dropStaleRow } from './drop-stale-row';
import { loadFireContext } from '../schedules/fire-context';
import { nextRunAt } from '../schedules/next-run-at';
import type { SweepDeps } from './sweep-deps';

const MAX_ATTEMPTS = 5;

/**
 * Moves a schedule past a fire it handled: (a) add the due row of its next fire after `after`, (b) store the new
 * `nextRunAt` under the schedule's ETag, (c) remove the fire's row. If someone changed the schedule meanwhile
 * (412), it is read again: still at this fire → advance that version; moved elsewhere → this row is stale.
 * Returns the schedule as it now stands.
 */
export async function advanceSchedule(
  deps: SweepDeps,
  entry: DueEntry,
  current: Versioned<Schedule>,
  step: { after: Date; lastFireTime: string | null; context: FireContext },
): Promise<Versioned<Schedule> | undefined> {
  let snapshot: Versioned<Schedule> | undefined = current;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (!snapshot || !snapshot.doc.active || snapshot.doc.nextRunAt !== entry.fireTime) {
      await dropStaleRow(deps, entry, snapshot);
      return snapshot;
    }
    const doc = snapshot.doc;
    const context =
      attempt === 0
        ? step.context
        : await loadFireContext(deps.repos, entry.tenantId, doc.holidayCalendarIds);
    const next = nextRunAt(doc.rule, step.after, context);
    if (next !== null) await deps.dueIndex.add({ ...entry, fireTime: next });
    try {
      const saved = await deps.schedules.replace(
        entry.tenantId,
        { ...doc, nextRunAt: next, lastFireTime: step.lastFireTime },
        snapshot.etag,
      );
      await deps.dueIndex.remove(entry);
      return saved;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'PRECONDITION_FAILED')) throw err;
      snapshot = await deps.schedules.get(entry.tenantId, entry.scheduleId);
    }
  }
  throw new AppError('CONFLICT', `Schedule ${entry.scheduleId} kept changing; the next sweep advances it`, {
    scheduleId: entry.scheduleId,
  });
}
