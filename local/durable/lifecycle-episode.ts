import { type Disposition, commitEpisode, done, retry, syncInstance } from './commit-episode';
import type { EngineDeps } from './engine-deps';
import {
  EventType,
  type HistoryRecord,
  isTerminal,
  newRecord,
  OrchestrationStatusCode,
} from './history-event';
import { parentOf, statusOf, wasApplied } from './history-queries';
import type { LoadedHistory } from './history-store';
import type { LifecycleMessage } from './queue-messages';
import { notifyParent } from './send-work';

/**
 * Terminate, suspend and resume: episodes that do not run the orchestrator. Terminating an instance
 * that never started records its start too, so its pending start message is seen as applied.
 */
export async function applyLifecycle(
  deps: EngineDeps,
  m: LifecycleMessage,
  loaded: LoadedHistory,
): Promise<Disposition> {
  let row = await deps.instances.get(m.instanceId);
  if (!row) return done;
  if (
    loaded.executionId &&
    (row.state.historyExecutionId !== loaded.executionId || row.state.historyCount < loaded.records.length)
  ) {
    await syncInstance(deps, m.instanceId, loaded); // the row lags behind a commit that was interrupted
    row = await deps.instances.get(m.instanceId);
    if (!row) return done;
  }
  if (wasApplied(loaded.records, m.id)) {
    await syncInstance(deps, m.instanceId, loaded);
    return done;
  }
  const now = deps.clock();
  const started = loaded.executionId === row.state.executionId && loaded.records.length > 0;
  const status = started ? statusOf(loaded.records) : row.state.runtimeStatus;
  if (isTerminal(status)) return done;
  const episode = (...events: HistoryRecord[]) => [
    newRecord(EventType.OrchestratorStarted, now),
    ...events,
    newRecord(EventType.OrchestratorCompleted, now),
  ];
  const reason = m.reason ?? '';
  if (m.type === 'suspend' || m.type === 'resume') {
    if (!started) return retry(1000);
    const wanted = m.type === 'suspend' ? 'Running' : 'Suspended';
    if (status !== wanted) return done;
    const type = m.type === 'suspend' ? EventType.ExecutionSuspended : EventType.ExecutionResumed;
    const records = episode(newRecord(type, now, { Reason: reason }, { messageId: m.id }));
    await commitEpisode(deps, {
      instanceId: m.instanceId,
      executionId: row.state.executionId,
      loaded,
      prior: loaded.records,
      records,
      messageType: m.type,
    });
    return done;
  }
  const terminated = [
    newRecord(EventType.ExecutionTerminated, now, { Input: reason }, { messageId: m.id }),
    newRecord(EventType.ExecutionCompleted, now, {
      OrchestrationStatus: OrchestrationStatusCode.Terminated,
      Result: JSON.stringify(reason),
    }),
  ];
  const executionId = row.state.executionId;
  const prior = started ? loaded.records : [];
  const records = started
    ? episode(...terminated)
    : episode(
        newRecord(
          EventType.ExecutionStarted,
          now,
          {
            Name: row.state.name,
            ...(row.state.input !== undefined ? { Input: row.state.input } : {}),
            OrchestrationInstance: { InstanceId: m.instanceId, ExecutionId: executionId },
          },
          { createdTime: row.state.createdTime.toISOString() },
        ),
        ...terminated,
      );
  const parent = parentOf(prior);
  if (parent) {
    const message = `Orchestration '${m.instanceId}' was terminated: ${reason}`;
    await notifyParent(deps, parent, { status: 'Failed', message, details: message });
  }
  await commitEpisode(deps, {
    instanceId: m.instanceId,
    executionId,
    loaded,
    prior,
    records,
    messageType: m.type,
  });
  return done;
}
