import { type ActionSignature, EventType, type FailureDetails, type HistoryRecord } from './history-event';
import { retryPolicyFrom, type RetryPolicy } from './retry-delay';

/** A task that holds a sequence number, as the JS executor tracks it. */
export interface TrackedTask {
  id: number;
  kind: 'activity' | 'timer' | 'subOrchestration';
  name: string;
  /** The retry loop this task belongs to (the retryable action's index), if any. */
  retryGroup?: number;
  /** A retry timer (the NoOp task RetryableTask tracks while waiting). */
  isRetryTimer: boolean;
  /** Made by a retry loop (timer or re-schedule): a NoOp task on the JS side. */
  fromRetry: boolean;
  dispatchId?: string;
  scheduledAt: string;
  done: boolean;
  synthetic: boolean;
}

export interface TaskFailure {
  reason: string;
  details: string;
  failureDetails?: FailureDetails;
}

/** The host side of a `RetryableTask`: the loop DurableTask.Core's RetryInterceptor runs. */
export interface RetryGroup {
  key: number;
  kind: 'activity' | 'subOrchestration';
  name: string;
  input?: string;
  instanceId?: string;
  policy: RetryPolicy;
  firstAttemptAt: Date;
  failures: number;
  lastFailure?: TaskFailure;
  /** The retry timeout has passed: further attempts fail at once. */
  expired: boolean;
  done: boolean;
}

/** What the committed history says about task ids: the mirror of the JS executor's sequence numbers. */
export interface TaskTracker {
  tasks: Map<number, TrackedTask>;
  groups: Map<number, RetryGroup>;
  /** The next sequence number the JS executor will hand out. */
  nextId: number;
  /** Signatures of every action returned so far in this execution, in order. */
  schedule: ActionSignature[];
}

export function failureOf(record: HistoryRecord): TaskFailure {
  return {
    reason: record.event.Reason ?? '',
    details: record.event.Details ?? '',
    ...(record.event.FailureDetails ? { failureDetails: record.event.FailureDetails } : {}),
  };
}

function kindOf(type: number): TrackedTask['kind'] {
  if (type === EventType.TaskScheduled) return 'activity';
  if (type === EventType.TimerCreated) return 'timer';
  return 'subOrchestration';
}

/** Rebuilds the tracker from the committed history of the current execution. */
export function buildTracker(history: readonly HistoryRecord[]): TaskTracker {
  const tracker: TaskTracker = { tasks: new Map(), groups: new Map(), nextId: 0, schedule: [] };
  for (const record of history) applyToTracker(tracker, record);
  return tracker;
}

/** Folds one committed (or about to be committed) event into the tracker. */
export function applyToTracker(tracker: TaskTracker, record: HistoryRecord): void {
  const { event, meta } = record;
  switch (event.EventType) {
    case EventType.TaskScheduled:
    case EventType.TimerCreated:
    case EventType.SubOrchestrationInstanceCreated: {
      const task: TrackedTask = {
        id: event.EventId,
        kind: kindOf(event.EventType),
        name: event.Name ?? '',
        isRetryTimer: event.EventType === EventType.TimerCreated && meta.retryGroup !== undefined,
        fromRetry: meta.retryGroup !== undefined,
        scheduledAt: event.Timestamp,
        done: false,
        synthetic: meta.synthetic === true,
        ...(meta.dispatchId !== undefined ? { dispatchId: meta.dispatchId } : {}),
      };
      if (meta.retryOptions !== undefined && meta.actionIndex !== undefined) {
        tracker.groups.set(meta.actionIndex, {
          key: meta.actionIndex,
          kind: task.kind === 'subOrchestration' ? 'subOrchestration' : 'activity',
          name: task.name,
          ...(event.Input !== undefined ? { input: event.Input } : {}),
          ...(event.InstanceId !== undefined ? { instanceId: event.InstanceId } : {}),
          policy: retryPolicyFrom(JSON.parse(meta.retryOptions)),
          firstAttemptAt: new Date(event.Timestamp),
          failures: 0,
          expired: false,
          done: false,
        });
        task.retryGroup = meta.actionIndex;
      } else if (meta.retryGroup !== undefined) {
        task.retryGroup = meta.retryGroup;
        const group = tracker.groups.get(meta.retryGroup);
        // A retry timer made after the retry timeout passed marks the loop as expired.
        if (group && task.isRetryTimer && meta.synthetic === true) group.expired = true;
      }
      tracker.tasks.set(task.id, task);
      tracker.nextId = Math.max(tracker.nextId, task.id + 1);
      break;
    }
    case EventType.TaskCompleted:
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceFailed: {
      const task = tracker.tasks.get(event.TaskScheduledId ?? -1);
      if (!task) break;
      task.done = true;
      const group = task.retryGroup !== undefined ? tracker.groups.get(task.retryGroup) : undefined;
      if (!group) break;
      if (
        event.EventType === EventType.TaskFailed ||
        event.EventType === EventType.SubOrchestrationInstanceFailed
      ) {
        group.failures += 1;
        group.lastFailure = failureOf(record);
      } else {
        group.done = true;
      }
      break;
    }
    case EventType.TimerFired: {
      const task = tracker.tasks.get(event.TimerId ?? -1);
      if (!task) break;
      task.done = true;
      const group = task.retryGroup !== undefined ? tracker.groups.get(task.retryGroup) : undefined;
      if (group && group.failures >= group.policy.maxNumberOfAttempts) group.done = true;
      break;
    }
    case EventType.OrchestratorCompleted:
      if (meta.newActions) tracker.schedule.push(...meta.newActions);
      break;
    default:
      break;
  }
}

/** The scheduling record of a task id in the committed history. */
export function findScheduled(history: readonly HistoryRecord[], id: number): HistoryRecord | undefined {
  return history.find(
    (r) =>
      r.event.EventId === id &&
      (r.event.EventType === EventType.TaskScheduled ||
        r.event.EventType === EventType.TimerCreated ||
        r.event.EventType === EventType.SubOrchestrationInstanceCreated),
  );
}

/** Whether the task already has its completion (or its timer fired) in the history. */
export function isResolved(history: readonly HistoryRecord[], id: number): boolean {
  return history.some(
    (r) =>
      (r.event.EventType === EventType.TimerFired && r.event.TimerId === id) ||
      ((r.event.EventType === EventType.TaskCompleted ||
        r.event.EventType === EventType.TaskFailed ||
        r.event.EventType === EventType.SubOrchestrationInstanceCompleted ||
        r.event.EventType === EventType.SubOrchestrationInstanceFailed) &&
        r.event.TaskScheduledId === id),
  );
}
