import type { ExecutorView, OpenTaskKind } from './invoke-orchestrator';
import type { TaskTracker } from './task-tracker';

/** The engine's mirror must agree with the executor: same next id, same open tasks of the same kinds. */
export function compareWithExecutor(executor: ExecutorView, tracker: TaskTracker): string | undefined {
  const mirrored = new Map<number, OpenTaskKind>();
  for (const task of tracker.tasks.values())
    if (!task.done) mirrored.set(task.id, task.fromRetry ? 'retry' : task.kind);
  const describe = (open: Map<number, OpenTaskKind>) =>
    [...open.entries()]
      .sort(([a], [b]) => a - b)
      .map(([id, kind]) => `${id}:${kind}`)
      .join(', ');
  const same =
    executor.nextId === tracker.nextId &&
    executor.open.size === mirrored.size &&
    [...executor.open.entries()].every(([id, kind]) => mirrored.get(id) === kind);
  if (same) return undefined;
  return (
    `The local durable engine's task ids diverged from durable-functions' (engine: next id ${tracker.nextId}, open ` +
    `[${describe(mirrored)}]; executor: next id ${executor.nextId}, open [${describe(executor.open)}]). The instance ` +
    `was stopped to avoid corrupting its history; this is a bug in local/durable.`
  );
}
