import type { EpisodeWork } from './episode-plan';
import { EventType, type HistoryRecord, newRecord } from './history-event';
import { nextRetryDelayMs } from './retry-delay';
import type { RetryGroup, TaskTracker } from './task-tracker';

type AddRecord = (record: HistoryRecord) => void;

export interface RetryLoopInput {
  instanceId: string;
  applied: HistoryRecord;
  now: Date;
  dispatchId: string;
}

/** Ids the applied event makes the JS RetryableTask track, and the host-side retry loop's work. */
export function allocateForEvent(
  input: RetryLoopInput,
  tracker: TaskTracker,
  add: AddRecord,
  work: EpisodeWork[],
): void {
  const { event } = input.applied;
  const isFailure =
    event.EventType === EventType.TaskFailed || event.EventType === EventType.SubOrchestrationInstanceFailed;
  if (isFailure) {
    const group = groupOf(tracker, event.TaskScheduledId);
    if (!group || group.done) return;
    // RetryInterceptor: a timer follows every failed attempt, the last one included; zero delay
    // means the retry timeout has passed (the remaining attempts then fail at once).
    const delay = group.expired
      ? 0
      : nextRetryDelayMs(group.policy, group.failures - 1, group.firstAttemptAt, input.now);
    const timerId = tracker.nextId;
    const fireAt = new Date(input.now.getTime() + delay).toISOString();
    add(
      newRecord(
        EventType.TimerCreated,
        input.now,
        { EventId: timerId, FireAt: fireAt },
        { dispatchId: input.dispatchId, retryGroup: group.key, ...(delay === 0 ? { synthetic: true } : {}) },
      ),
    );
    work.push({ type: 'timer', timerId, fireAt });
    return;
  }
  if (event.EventType !== EventType.TimerFired) return;
  const timer = tracker.tasks.get(event.TimerId ?? -1);
  if (!timer?.isRetryTimer) return;
  const group = groupOf(tracker, event.TimerId);
  if (!group || group.done) return;
  const taskId = tracker.nextId;
  const meta = {
    dispatchId: input.dispatchId,
    retryGroup: group.key,
    ...(group.expired ? { synthetic: true } : {}),
  };
  if (group.kind === 'activity') {
    add(
      newRecord(
        EventType.TaskScheduled,
        input.now,
        { EventId: taskId, Name: group.name, Input: group.input },
        meta,
      ),
    );
  } else {
    const childId = group.instanceId ?? `${input.instanceId}:${taskId}`;
    add(
      newRecord(
        EventType.SubOrchestrationInstanceCreated,
        input.now,
        { EventId: taskId, Name: group.name, InstanceId: childId, Input: group.input },
        meta,
      ),
    );
  }
  if (group.expired && group.lastFailure) {
    work.push({ type: 'failTask', taskId, kind: group.kind, failure: group.lastFailure });
  } else if (group.kind === 'activity') {
    work.push({
      type: 'activity',
      taskId,
      name: group.name,
      ...(group.input !== undefined ? { input: group.input } : {}),
    });
  } else {
    const childId = group.instanceId ?? `${input.instanceId}:${taskId}`;
    work.push({
      type: 'startChild',
      taskId,
      name: group.name,
      instanceId: childId,
      ...(group.input !== undefined ? { input: group.input } : {}),
    });
  }
}

function groupOf(tracker: TaskTracker, taskId: number | undefined): RetryGroup | undefined {
  const task = tracker.tasks.get(taskId ?? -1);
  return task?.retryGroup !== undefined ? tracker.groups.get(task.retryGroup) : undefined;
}
