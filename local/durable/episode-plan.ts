import { findNonDeterminism } from './determinism-check';
import {
  type ActionSignature,
  EventType,
  type HistoryRecord,
  newRecord,
  OrchestrationStatusCode,
} from './history-event';
import type { OrchestratorRun } from './invoke-orchestrator';
import { compareWithExecutor } from './executor-crosscheck';
import { allocateForEvent } from './retry-loop';
import {
  ActionType,
  actionTypeName,
  allocatesId,
  decodeProcessedInput,
  flattenActions,
  isSupported,
  type OrchestratorAction,
  signatureOf,
} from './orchestrator-actions';
import { applyToTracker, buildTracker, type TaskFailure, type TaskTracker } from './task-tracker';

/** Work an episode hands to the queues once its plan is made. */
export type EpisodeWork =
  | { type: 'activity'; taskId: number; name: string; input?: string }
  | { type: 'timer'; timerId: number; fireAt: string }
  | { type: 'startChild'; taskId: number; name: string; instanceId: string; input?: string; version?: string }
  | { type: 'failTask'; taskId: number; kind: 'activity' | 'subOrchestration'; failure: TaskFailure }
  | { type: 'continueAsNew'; executionId: string; input?: string };

export type EpisodeResult =
  | { status: 'Running' }
  | { status: 'Completed'; output?: string }
  | { status: 'Failed'; message: string; details: string }
  | { status: 'ContinuedAsNew'; nextExecutionId: string; nextInput?: string };

export interface EpisodePlan {
  /** Events to append after the applied event (OrchestratorCompleted last). */
  records: HistoryRecord[];
  work: EpisodeWork[];
  result: EpisodeResult;
}

export interface EpisodeInput {
  instanceId: string;
  orchestratorName: string;
  /** Committed history of the execution, before this episode. */
  prior: readonly HistoryRecord[];
  /** The one new event this episode applies. */
  applied: HistoryRecord;
  run: OrchestratorRun;
  now: Date;
  /** Marks the tasks this episode run schedules (the work it sends carries it too). */
  dispatchId: string;
  newExecutionId: () => string;
}

/**
 * Turns one orchestrator episode into history events and work, allocating task ids exactly as the
 * durable-functions TaskOrchestrationExecutor does for a history that grew by one event: first the
 * ids the event itself makes RetryableTask track (a retry timer after a failed attempt, a
 * re-schedule after a retry timer fired), then one per newly returned id-bearing action, in order.
 */
export function planEpisode(input: EpisodeInput): EpisodePlan {
  const tracker = buildTracker(input.prior);
  applyToTracker(tracker, input.applied);
  const plan: EpisodePlan = { records: [], work: [], result: { status: 'Running' } };
  const add = (record: HistoryRecord) => {
    plan.records.push(record);
    applyToTracker(tracker, record);
  };
  allocateForEvent(input, tracker, add, plan.work);

  const { run } = input;
  const state = run.state;
  const flat = state ? flattenActions(state) : [];
  const nonDeterminism = state ? findNonDeterminism(tracker.schedule, flat) : undefined;
  const fresh = flat.slice(tracker.schedule.length);
  const unsupported = fresh.find((a) => !isSupported(a));
  const customStatus = state?.customStatus === undefined ? 'null' : JSON.stringify(state.customStatus);
  let newActions: ActionSignature[] = [];

  if (nonDeterminism) {
    plan.result = failed(nonDeterminism);
  } else if (run.kind === 'failed') {
    plan.result = failed(
      `Orchestrator function '${input.orchestratorName}' failed: ${run.message}`,
      run.details,
    );
  } else if (unsupported) {
    plan.result = failed(
      `Orchestrator function '${input.orchestratorName}' failed: the action ${actionTypeName(unsupported.actionType)} ` +
        `is not supported by the local host (supported: activities, timers, external events, sub-orchestrations, ` +
        `Task.all/Task.any, continueAsNew).`,
    );
  } else if (run.state.isDone) {
    newActions = fresh.map(signatureOf);
    const continueAsNew = fresh.find((a) => a.actionType === ActionType.ContinueAsNew);
    if (continueAsNew) {
      const nextInput = jsonOf(decodeProcessedInput(continueAsNew.input));
      plan.result = {
        status: 'ContinuedAsNew',
        nextExecutionId: input.newExecutionId(),
        ...(nextInput !== undefined ? { nextInput } : {}),
      };
    } else {
      const output = jsonOf(run.state.output);
      plan.result = { status: 'Completed', ...(output !== undefined ? { output } : {}) };
    }
  } else {
    newActions = fresh.map(signatureOf);
    fresh.forEach((action, i) =>
      scheduleAction(input, tracker, action, tracker.schedule.length + i, add, plan.work),
    );
    const divergence = run.executor ? compareWithExecutor(run.executor, tracker) : undefined;
    if (divergence) plan.result = failed(divergence);
  }

  if (plan.result.status !== 'Running') plan.work = plan.work.filter((w) => w.type === 'continueAsNew');
  appendCompletion(input, plan);
  plan.records.push(newRecord(EventType.OrchestratorCompleted, input.now, {}, { newActions, customStatus }));
  return plan;
}

function failed(message: string, details = message): EpisodeResult {
  return { status: 'Failed', message, details };
}

function jsonOf(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

type AddRecord = (record: HistoryRecord) => void;

/** Records and dispatches one newly returned action; id-bearing actions take the next sequence number. */
function scheduleAction(
  input: EpisodeInput,
  tracker: TaskTracker,
  action: OrchestratorAction,
  actionIndex: number,
  add: AddRecord,
  work: EpisodeWork[],
): void {
  if (!allocatesId(action)) return;
  const id = tracker.nextId;
  const withRetry =
    action.actionType === ActionType.CallActivityWithRetry ||
    action.actionType === ActionType.CallSubOrchestratorWithRetry;
  const meta = {
    dispatchId: input.dispatchId,
    actionIndex,
    ...(withRetry ? { retryOptions: JSON.stringify(action.retryOptions ?? {}) } : {}),
  };
  const name = action.functionName ?? '';
  switch (action.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry: {
      const activityInput = jsonOf(decodeProcessedInput(action.input));
      add(
        newRecord(
          EventType.TaskScheduled,
          input.now,
          { EventId: id, Name: name, Input: activityInput },
          meta,
        ),
      );
      work.push({
        type: 'activity',
        taskId: id,
        name,
        ...(activityInput !== undefined ? { input: activityInput } : {}),
      });
      return;
    }
    case ActionType.CreateTimer: {
      const fireAt = new Date(action.fireAt ?? input.now).toISOString();
      add(newRecord(EventType.TimerCreated, input.now, { EventId: id, FireAt: fireAt }, meta));
      if (!action.isCanceled) work.push({ type: 'timer', timerId: id, fireAt });
      return;
    }
    default: {
      const childId = action.instanceId ?? `${input.instanceId}:${id}`;
      const childInput = jsonOf(action.input);
      const version = action.version;
      add(
        newRecord(
          EventType.SubOrchestrationInstanceCreated,
          input.now,
          {
            EventId: id,
            Name: name,
            InstanceId: childId,
            Input: childInput,
            ...(version ? { Version: version } : {}),
          },
          meta,
        ),
      );
      work.push({
        type: 'startChild',
        taskId: id,
        name,
        instanceId: childId,
        ...(childInput !== undefined ? { input: childInput } : {}),
        ...(version ? { version } : {}),
      });
    }
  }
}

/** ExecutionCompleted for an episode that ended the execution. */
function appendCompletion(input: EpisodeInput, plan: EpisodePlan): void {
  const { result } = plan;
  switch (result.status) {
    case 'Completed':
      plan.records.push(
        newRecord(EventType.ExecutionCompleted, input.now, {
          OrchestrationStatus: OrchestrationStatusCode.Completed,
          ...(result.output !== undefined ? { Result: result.output } : {}),
        }),
      );
      return;
    case 'Failed':
      plan.records.push(
        newRecord(EventType.ExecutionCompleted, input.now, {
          OrchestrationStatus: OrchestrationStatusCode.Failed,
          Result: result.message,
          FailureDetails: {
            ErrorType: 'OrchestrationFailureException',
            ErrorMessage: result.message,
            StackTrace: result.details,
          },
        }),
      );
      return;
    case 'ContinuedAsNew':
      plan.records.push(
        newRecord(
          EventType.ExecutionCompleted,
          input.now,
          {
            OrchestrationStatus: OrchestrationStatusCode.ContinuedAsNew,
            ...(result.nextInput !== undefined ? { Result: result.nextInput } : {}),
          },
          {
            nextExecutionId: result.nextExecutionId,
            ...(result.nextInput !== undefined ? { nextInput: result.nextInput } : {}),
          },
        ),
      );
      plan.work.push({
        type: 'continueAsNew',
        executionId: result.nextExecutionId,
        ...(result.nextInput !== undefined ? { input: result.nextInput } : {}),
      });
      return;
    default:
      return;
  }
}
