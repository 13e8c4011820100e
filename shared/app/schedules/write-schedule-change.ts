import type { Schedule } from '../../contracts/schedule';
import { AppError } from '../../domain/errors';
import type { Versioned } from '../../ports/repositories';
import type { Principal } from '../auth/principal';
import { commitWithDueRow } from './commit-with-due-row';
import { loadSchedule } from './load-schedule';
import type { Precondition } from '../audit/audited-documents';
import type { ScheduleDeps } from './schedule-deps';

export interface ScheduleChange {
  before: Versioned<Schedule>;
  after: Versioned<Schedule>;
  changed: boolean;
}

const MAX_ATTEMPTS = 3;

/**
 * Read, authorize, check If-Match, change, write under the stored ETag — with the due row moved around the
 * write. The sweep also writes schedules (each fire moves `nextRunAt`): a caller who sent If-Match gets the 412,
 * one who did not gets the change applied to the fresh version. `change` returns null for "nothing to do".
 */
export async function writeScheduleChange(
  deps: ScheduleDeps,
  actor: Principal,
  id: string,
  precondition: Precondition | undefined,
  change: (current: Schedule) => Promise<Schedule | null>,
): Promise<ScheduleChange> {
  for (let attempt = 1; ; attempt++) {
    const before = await loadSchedule(deps.repos, actor, id, 'update');
    precondition?.(before.etag);
    const updated = await change(before.doc);
    if (!updated) return { before, after: before, changed: false };
    try {
      const after = await commitWithDueRow(
        deps.dueIndex,
        { tenantId: actor.tenantId, scheduleId: id, from: before.doc.nextRunAt, to: updated.nextRunAt },
        () => deps.repos.schedules.replace(actor.tenantId, updated, before.etag),
      );
      return { before, after, changed: true };
    } catch (err) {
      const stale = err instanceof AppError && err.code === 'PRECONDITION_FAILED';
      if (!stale || precondition || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}
