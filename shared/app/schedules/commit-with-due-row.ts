import type { DueIndex } from '../../ports/scheduler-store';

export interface DueRowChange {
  tenantId: string;
  scheduleId: string;
  /** The fire time the schedule's row is at now (null: none). */
  from: string | null;
  /** The fire time it will be at after the commit (null: none — paused, ended, deleted). */
  to: string | null;
}

/**
 * Changes a schedule and keeps its due row right: the new row is written before the commit (a crash leaves an
 * extra row, which is stale and harmless, never a schedule without one), the old row removed after it. A sweep
 * dropping a stale row at the same moment could take the new row with it before the commit is visible; the
 * check after the commit puts it back (see docs/scheduler.md, "Writers and stale rows").
 */
export async function commitWithDueRow<T>(
  dueIndex: DueIndex,
  change: DueRowChange,
  commit: () => Promise<T>,
): Promise<T> {
  const { tenantId, scheduleId, from, to } = change;
  const target = to === null ? null : { tenantId, scheduleId, fireTime: to };
  if (target) await dueIndex.add(target);
  const committed = await commit();
  if (target && !(await dueIndex.has(target))) await dueIndex.add(target);
  if (from !== null && from !== to) await dueIndex.remove({ tenantId, scheduleId, fireTime: from });
  return committed;
}
