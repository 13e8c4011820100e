import { EventType, eventTypeName, type HistoryRecord, runtimeStatusName } from './history-event';
import type { InstanceState } from './project-instance';

/** `DateTime.ToString("s") + "Z"`, as the extension formats status times. */
export function statusTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The extension's ParseToJToken: JSON when it parses, the raw string otherwise, null when absent. */
function parseToken(value: string | undefined): unknown {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed.length === 0) return '';
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/** The status body the Durable HTTP API returns (StatusResponsePayload). */
export function statusPayload(state: InstanceState, options: { showInput: boolean; history?: unknown[] }) {
  return {
    name: state.name,
    instanceId: state.instanceId,
    runtimeStatus: state.runtimeStatus,
    input: options.showInput ? parseToken(state.input) : null,
    customStatus: parseToken(state.customStatus),
    output: parseToken(state.output),
    createdTime: statusTime(state.createdTime),
    lastUpdatedTime: statusTime(state.lastUpdatedTime),
    ...(options.history ? { historyEvents: options.history } : {}),
  };
}

/**
 * History as `showHistory=true` shows it (DurableClient.GetDurableOrchestrationStatusAsync):
 * event types by name, completions merged with their scheduling event (FunctionName, ScheduledTime),
 * orchestrator episode markers dropped, inputs hidden, results only with `showHistoryOutput`.
 */
export function shapeHistory(records: readonly HistoryRecord[], showHistoryOutput: boolean): unknown[] {
  const items: (Record<string, unknown> | undefined)[] = [];
  const scheduled = new Map<string, { index: number; name: string; time: string }>();
  records.forEach(({ event }, index) => {
    const item: Record<string, unknown> = { ...event, EventType: eventTypeName(event.EventType) };
    delete item.EventId;
    delete item.IsPlayed;
    items.push(item);
    const merge = (prefix: string) => {
      const found = scheduled.get(`${prefix}_${event.TaskScheduledId}`);
      if (found) {
        item.ScheduledTime = found.time;
        item.FunctionName = found.name;
        items[found.index] = undefined;
      }
      delete item.TaskScheduledId;
    };
    const result = (show: boolean) => {
      if (show) item.Result = parseToken(event.Result);
      else delete item.Result;
    };
    switch (event.EventType) {
      case EventType.TaskScheduled:
      case EventType.SubOrchestrationInstanceCreated:
        scheduled.set(`${eventTypeName(event.EventType)}_${event.EventId}`, {
          index,
          name: event.Name ?? '',
          time: event.Timestamp,
        });
        delete item.Version;
        delete item.Input;
        break;
      case EventType.TaskCompleted:
      case EventType.TaskFailed:
        merge('TaskScheduled');
        if (event.EventType === EventType.TaskCompleted) result(showHistoryOutput);
        break;
      case EventType.SubOrchestrationInstanceCompleted:
      case EventType.SubOrchestrationInstanceFailed:
        merge('SubOrchestrationInstanceCreated');
        if (event.EventType === EventType.SubOrchestrationInstanceCompleted) result(showHistoryOutput);
        break;
      case EventType.ExecutionStarted:
        item.FunctionName = event.Name;
        for (const key of ['Name', 'OrchestrationInstance', 'ParentInstance', 'Version', 'Input'])
          delete item[key];
        break;
      case EventType.ExecutionCompleted:
        item.OrchestrationStatus = runtimeStatusName(event.OrchestrationStatus ?? 1);
        result(showHistoryOutput);
        break;
      case EventType.ExecutionTerminated:
      case EventType.EventRaised:
        delete item.Input;
        break;
      case EventType.TimerFired:
        delete item.TimerId;
        break;
      case EventType.OrchestratorStarted:
      case EventType.OrchestratorCompleted:
        items[index] = undefined;
        break;
      default:
        break;
    }
  });
  return items.filter((i): i is Record<string, unknown> => i !== undefined);
}
