/**
 * History events in the shape the Durable Task Framework stores and the Durable extension hands to
 * out-of-process orchestrators (`durable-functions/lib/src/history/*`), plus the engine's own
 * bookkeeping kept beside each event (never shown to the orchestrator).
 */

/** DurableTask.Core.History.EventType (the numbers durable-functions switches on). */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
  GenericEvent: 17,
  HistoryState: 18,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;

export type EventTypeCode = (typeof EventType)[keyof typeof EventType];

export function eventTypeName(code: number): string {
  return Object.entries(EventType).find(([, value]) => value === code)?.[0] ?? String(code);
}

/** DurableTask.Core.OrchestrationStatus, as ExecutionCompleted records it. */
export const OrchestrationStatusCode = {
  Running: 0,
  Completed: 1,
  ContinuedAsNew: 2,
  Failed: 3,
  Canceled: 4,
  Terminated: 5,
  Pending: 6,
  Suspended: 7,
} as const;

export type RuntimeStatus = keyof typeof OrchestrationStatusCode;

export function runtimeStatusName(code: number): RuntimeStatus {
  const found = Object.entries(OrchestrationStatusCode).find(([, value]) => value === code)?.[0];
  return (found ?? 'Running') as RuntimeStatus;
}

export const terminalStatuses: readonly RuntimeStatus[] = ['Completed', 'Failed', 'Terminated', 'Canceled'];

export function isTerminal(status: RuntimeStatus): boolean {
  return terminalStatuses.includes(status);
}

/** The FailureDetails payload (PascalCase on the wire), as `taskFailedErrorFromWireDto` reads it. */
export interface FailureDetails {
  ErrorType: string;
  ErrorMessage: string;
  StackTrace?: string | undefined;
  IsNonRetriable?: boolean | undefined;
  Properties?: Record<string, unknown> | undefined;
  InnerFailure?: FailureDetails | undefined;
}

export interface OrchestrationInstanceRef {
  InstanceId: string;
  ExecutionId: string;
}

/** One history event. Timestamps are ISO strings (durable-functions turns `Timestamp` into a Date). */
export interface HistoryEvent {
  EventType: EventTypeCode;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  Name?: string;
  Input?: string | undefined;
  Version?: string;
  Result?: string;
  Reason?: string;
  Details?: string;
  FailureDetails?: FailureDetails;
  TaskScheduledId?: number;
  TimerId?: number;
  FireAt?: string;
  InstanceId?: string;
  OrchestrationStatus?: number;
  OrchestrationInstance?: OrchestrationInstanceRef;
  ParentInstance?: { Name: string; TaskScheduleId: number; OrchestrationInstance: OrchestrationInstanceRef };
}

/** "Kind + name" of an action the orchestrator returned, as recorded for the non-determinism check. */
export interface ActionSignature {
  kind: string;
  name: string;
}

/** Engine bookkeeping stored with an event. */
export interface EventMeta {
  /** The control message whose effect this event is (duplicate detection). */
  messageId?: string | undefined;
  /** The episode run that scheduled this task; work it sent carries the same id. */
  dispatchId?: string | undefined;
  /** Position of the scheduling action in the orchestrator's flattened action list. */
  actionIndex?: number | undefined;
  /** Scheduling events made by a retry loop: the actionIndex of the retryable action. */
  retryGroup?: number | undefined;
  /** The first schedule of a *WithRetry action: its RetryOptions (JSON). */
  retryOptions?: string | undefined;
  /** A re-schedule that is failed at once because the retry timeout has passed. */
  synthetic?: boolean | undefined;
  /** OrchestratorCompleted: signatures of the actions first returned in this episode. */
  newActions?: ActionSignature[] | undefined;
  /** OrchestratorCompleted of an episode that ran the orchestrator: its custom status (JSON). */
  customStatus?: string | undefined;
  /** ExecutionCompleted(ContinuedAsNew): the execution that follows, and its input (JSON). */
  nextExecutionId?: string | undefined;
  nextInput?: string | undefined;
  /** ExecutionStarted: when the instance was created, and the parent's scheduling dispatch. */
  createdTime?: string | undefined;
  parentDispatchId?: string | undefined;
}

export interface HistoryRecord {
  event: HistoryEvent;
  meta: EventMeta;
}

export function newRecord(
  type: EventTypeCode,
  timestamp: Date,
  fields: Omit<Partial<HistoryEvent>, 'EventType' | 'Timestamp'> = {},
  meta: EventMeta = {},
): HistoryRecord {
  return {
    event: { EventId: -1, IsPlayed: false, ...fields, EventType: type, Timestamp: timestamp.toISOString() },
    meta,
  };
}

/** Events that resolve a task by its sequence number. */
export const completionTypes: readonly number[] = [
  EventType.TaskCompleted,
  EventType.TaskFailed,
  EventType.SubOrchestrationInstanceCompleted,
  EventType.SubOrchestrationInstanceFailed,
];

/** Events that allocate a sequence number (their EventId is the task id). */
export const schedulingTypes: readonly number[] = [
  EventType.TaskScheduled,
  EventType.TimerCreated,
  EventType.SubOrchestrationInstanceCreated,
];
