import type { EngineDeps } from './engine-deps';
import type { HistoryRecord } from './history-event';
import type { LoadedHistory } from './history-store';
import { projectInstance } from './project-instance';
import { writeInstance } from './write-instance';

/** What becomes of a control message. `waitsForCommit`: it waits for another episode's commit, which may never come. */
export type Disposition = { kind: 'done' } | { kind: 'retry'; delayMs: number; waitsForCommit: boolean };
export const done: Disposition = { kind: 'done' };
export const retry = (delayMs: number, waitsForCommit = false): Disposition => ({
  kind: 'retry',
  delayMs,
  waitsForCommit,
});

export interface Commit {
  instanceId: string;
  executionId: string;
  loaded: LoadedHistory;
  prior: readonly HistoryRecord[];
  records: HistoryRecord[];
  messageType: string;
  /** A validated sub-orchestration start may replace an older execution's row. */
  force?: boolean;
}

/** Rewrites the instance row from the committed history when it lags behind (after an interrupted commit). */
export async function syncInstance(
  deps: EngineDeps,
  instanceId: string,
  loaded: LoadedHistory,
): Promise<void> {
  if (!loaded.executionId) return;
  await writeInstance(deps.instances, projectInstance(instanceId, loaded.executionId, loaded.records));
}

/** Commits an episode: history first (the commit point), then the instance row projected from it. */
export async function commitEpisode(deps: EngineDeps, c: Commit): Promise<void> {
  await deps.hooks.beforeCommit?.({ instanceId: c.instanceId, messageType: c.messageType });
  await deps.history.append(c.instanceId, c.loaded, c.executionId, c.records);
  const all = [...c.prior, ...c.records];
  await writeInstance(deps.instances, projectInstance(c.instanceId, c.executionId, all), c.force);
  if (c.loaded.executionId && c.loaded.executionId !== c.executionId) {
    await deps.history.deleteOtherExecutions(c.instanceId, c.executionId).catch((err: Error) => {
      deps.log('warning', `Could not delete old history of '${c.instanceId}': ${err.message}`);
    });
  }
}
