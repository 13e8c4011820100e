import type { EngineDeps } from './engine-deps';
import { checkTask, completedRecord } from './history-queries';
import type { LoadedHistory } from './history-store';
import type { StartMessage } from './queue-messages';

/** Whether the origin of a start request committed it (a crashed episode's request is stale). */
export async function startVerdict(
  deps: EngineDeps,
  m: StartMessage,
  loaded: LoadedHistory,
): Promise<'valid' | 'pending' | 'stale'> {
  switch (m.origin.kind) {
    case 'client': {
      const row = await deps.instances.get(m.instanceId);
      return row?.state.executionId === m.executionId ? 'valid' : 'stale';
    }
    case 'continueAsNew': {
      if (loaded.executionId !== m.origin.executionId) return 'stale';
      const completed = completedRecord(loaded.records);
      if (!completed) return 'pending';
      return completed.meta.nextExecutionId === m.executionId ? 'valid' : 'stale';
    }
    case 'subOrchestration': {
      if (!m.parent) return 'stale';
      const parentHistory = await deps.history.load(m.parent.instanceId);
      const verdict = checkTask(parentHistory, m.parent.executionId, m.parent.taskId, m.parent.dispatchId);
      return verdict === 'valid' ? 'valid' : verdict === 'pending' ? 'pending' : 'stale';
    }
  }
}
