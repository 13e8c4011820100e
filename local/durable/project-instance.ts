import { EventType, type HistoryRecord, type RuntimeStatus, runtimeStatusName } from './history-event';

/** One orchestration instance as the instances table keeps it (JSON payloads as strings). */
export interface InstanceState {
  instanceId: string;
  name: string;
  version?: string;
  /** The execution this row describes (after continue-as-new: the next one). */
  executionId: string;
  runtimeStatus: RuntimeStatus;
  input?: string;
  output?: string;
  customStatus?: string;
  createdTime: Date;
  lastUpdatedTime: Date;
  parentInstanceId?: string;
  /** The execution whose history this row was projected from, and how many events it had. */
  historyExecutionId?: string;
  historyCount: number;
}

/**
 * The instance row is a projection of the execution's history, so a row that lags behind after a
 * crash can always be rebuilt from what was committed.
 */
export function projectInstance(
  instanceId: string,
  executionId: string,
  history: readonly HistoryRecord[],
): InstanceState {
  const started = history.find((r) => r.event.EventType === EventType.ExecutionStarted);
  const last = history[history.length - 1];
  const state: InstanceState = {
    instanceId,
    name: started?.event.Name ?? '',
    executionId,
    runtimeStatus: started ? 'Running' : 'Pending',
    createdTime: new Date(
      started?.meta.createdTime ?? started?.event.Timestamp ?? last?.event.Timestamp ?? 0,
    ),
    lastUpdatedTime: new Date(last?.event.Timestamp ?? 0),
    historyExecutionId: executionId,
    historyCount: history.length,
  };
  if (started?.event.Version) state.version = started.event.Version;
  if (started?.event.Input !== undefined) state.input = started.event.Input;
  if (started?.event.ParentInstance)
    state.parentInstanceId = started.event.ParentInstance.OrchestrationInstance.InstanceId;
  for (const { event, meta } of history) {
    switch (event.EventType) {
      case EventType.ExecutionSuspended:
        state.runtimeStatus = 'Suspended';
        break;
      case EventType.ExecutionResumed:
        state.runtimeStatus = 'Running';
        break;
      case EventType.OrchestratorCompleted:
        if (meta.customStatus !== undefined) state.customStatus = meta.customStatus;
        break;
      case EventType.ExecutionCompleted: {
        state.runtimeStatus = runtimeStatusName(event.OrchestrationStatus ?? 1);
        if (state.runtimeStatus === 'ContinuedAsNew') {
          state.executionId = meta.nextExecutionId ?? executionId;
          delete state.output;
          if (meta.nextInput !== undefined) state.input = meta.nextInput;
          else delete state.input;
        } else if (state.runtimeStatus === 'Failed') {
          state.output = JSON.stringify(event.Result ?? '');
        } else if (event.Result !== undefined) {
          state.output = event.Result;
        }
        break;
      }
      default:
        break;
    }
  }
  return state;
}
