import { EventType, type HistoryRecord, newRecord } from './history-event';
import type { ControlMessage, TaskMessage } from './queue-messages';

/** The history event a task or external-event message stands for. */
export function eventOf(
  m: TaskMessage | Extract<ControlMessage, { type: 'eventRaised' }>,
  now: Date,
): HistoryRecord {
  const meta = { messageId: m.id };
  switch (m.type) {
    case 'taskCompleted':
      return newRecord(EventType.TaskCompleted, now, { TaskScheduledId: m.taskId, Result: m.result }, meta);
    case 'subOrchestrationCompleted':
      return newRecord(
        EventType.SubOrchestrationInstanceCompleted,
        now,
        { TaskScheduledId: m.taskId, Result: m.result ?? 'null' },
        meta,
      );
    case 'taskFailed':
    case 'subOrchestrationFailed':
      return newRecord(
        m.type === 'taskFailed' ? EventType.TaskFailed : EventType.SubOrchestrationInstanceFailed,
        now,
        {
          TaskScheduledId: m.taskId,
          Reason: m.reason,
          Details: m.details,
          ...(m.failureDetails ? { FailureDetails: m.failureDetails } : {}),
        },
        meta,
      );
    case 'timerFired':
      return newRecord(EventType.TimerFired, now, { TimerId: m.taskId, FireAt: m.fireAt }, meta);
    case 'eventRaised':
      return newRecord(
        EventType.EventRaised,
        now,
        { Name: m.name, ...(m.input !== undefined ? { Input: m.input } : {}) },
        meta,
      );
  }
}
