import type { InstanceStore } from './instance-store';
import type { InstanceState } from './project-instance';

/**
 * Whether `next` (projected from history) should replace the stored row: a longer history of the
 * same execution, or the first projection of the execution the row announced (Pending, or
 * ContinuedAsNew pointing at it). `force` lets a validated sub-orchestration start replace an
 * older execution's row.
 */
function supersedes(next: InstanceState, row: InstanceState, force: boolean): boolean {
  if (row.historyExecutionId === next.historyExecutionId) return next.historyCount > row.historyCount;
  return force || row.executionId === next.historyExecutionId;
}

/** Writes the projected instance row, ETag-guarded, retrying when another writer got there first. */
export async function writeInstance(
  instances: InstanceStore,
  next: InstanceState,
  force = false,
): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await instances.get(next.instanceId);
    if (current && !supersedes(next, current.state, force)) return;
    if (await instances.put(next, current?.etag)) return;
  }
  throw new Error(`Could not update instance '${next.instanceId}': too many concurrent writers.`);
}
