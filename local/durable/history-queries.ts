import {
  EventType,
  type HistoryRecord,
  isTerminal,
  type RuntimeStatus,
  runtimeStatusName,
} from './history-event';
import type { LoadedHistory } from './history-store';
import type { ParentRef } from './queue-messages';
import { findScheduled, isResolved } from './task-tracker';

export function startedRecord(records: readonly HistoryRecord[]): HistoryRecord | undefined {
  return records.find((r) => r.event.EventType === EventType.ExecutionStarted);
}

export function completedRecord(records: readonly HistoryRecord[]): HistoryRecord | undefined {
  return records.find((r) => r.event.EventType === EventType.ExecutionCompleted);
}

/** Runtime status of an execution from its history alone. */
export function statusOf(records: readonly HistoryRecord[]): RuntimeStatus {
  let status: RuntimeStatus = startedRecord(records) ? 'Running' : 'Pending';
  for (const { event } of records) {
    if (event.EventType === EventType.ExecutionSuspended) status = 'Suspended';
    if (event.EventType === EventType.ExecutionResumed) status = 'Running';
    if (event.EventType === EventType.ExecutionCompleted)
      status = runtimeStatusName(event.OrchestrationStatus ?? 1);
  }
  return status;
}

/** Whether the execution has ended (completed, failed, terminated or continued as new). */
export function hasEnded(records: readonly HistoryRecord[]): boolean {
  return completedRecord(records) !== undefined;
}

export function isFinished(records: readonly HistoryRecord[]): boolean {
  return isTerminal(statusOf(records)) || statusOf(records) === 'ContinuedAsNew';
}

export function wasApplied(records: readonly HistoryRecord[], messageId: string): boolean {
  return records.some((r) => r.meta.messageId === messageId);
}

export function parentOf(records: readonly HistoryRecord[]): ParentRef | undefined {
  const started = startedRecord(records);
  const parent = started?.event.ParentInstance;
  if (!started || !parent || started.meta.parentDispatchId === undefined) return undefined;
  return {
    instanceId: parent.OrchestrationInstance.InstanceId,
    executionId: parent.OrchestrationInstance.ExecutionId,
    name: parent.Name,
    taskId: parent.TaskScheduleId,
    dispatchId: started.meta.parentDispatchId,
  };
}

/**
 * What the committed history says about a message concerning task `taskId`:
 * - `valid`: scheduled by the same dispatch, not yet resolved;
 * - `resolved`: already applied (a duplicate);
 * - `pending`: the scheduling episode has not committed yet (it may still);
 * - `stale`: another (running) execution, an ended one, or a dispatch that never committed.
 */
export type TaskVerdict = 'valid' | 'resolved' | 'pending' | 'stale';

export function checkTask(
  loaded: LoadedHistory,
  executionId: string,
  taskId: number,
  dispatchId: string,
): TaskVerdict {
  if (loaded.executionId !== executionId) {
    // No history yet, or an ended execution that a new one (restart, continue-as-new) is replacing:
    // the message may belong to that new execution, whose first episode may still be committing.
    return loaded.executionId === undefined || hasEnded(loaded.records) ? 'pending' : 'stale';
  }
  const scheduled = findScheduled(loaded.records, taskId);
  if (!scheduled) return hasEnded(loaded.records) ? 'stale' : 'pending';
  if (scheduled.meta.dispatchId !== dispatchId) return 'stale';
  if (isResolved(loaded.records, taskId)) return 'resolved';
  return hasEnded(loaded.records) ? 'stale' : 'valid';
}
