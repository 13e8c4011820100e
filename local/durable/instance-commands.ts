import { randomUUID } from 'node:crypto';
import type { EngineDeps } from './engine-deps';
import { isTerminal, type RuntimeStatus } from './history-event';
import type { InstanceQuery } from './instance-store';
import type { InstanceState } from './project-instance';
import { newExecutionId } from './run-episode';

export type StartResult = { started: true; instanceId: string } | { started: false; status: RuntimeStatus };

/** What management requests do to instances: start, send lifecycle messages and events, purge. */
export function createInstanceCommands(deps: EngineDeps) {
  /**
   * Starts (or, over a finished instance, restarts) an orchestration. The Pending row is written
   * first, then the start message; a crash in between is repaired by `recoverPending` at start-up.
   */
  async function start(
    name: string,
    instanceId: string,
    input: string | undefined,
    version?: string,
  ): Promise<StartResult> {
    return deps.locks.run(instanceId, async () => {
      const existing = await deps.instances.get(instanceId);
      if (existing && !isTerminal(existing.state.runtimeStatus))
        return { started: false, status: existing.state.runtimeStatus };
      const now = deps.clock();
      const state: InstanceState = {
        instanceId,
        name,
        executionId: newExecutionId(),
        runtimeStatus: 'Pending',
        createdTime: now,
        lastUpdatedTime: now,
        historyCount: existing?.state.historyCount ?? 0,
        ...(existing?.state.historyExecutionId
          ? { historyExecutionId: existing.state.historyExecutionId }
          : {}),
        ...(input !== undefined ? { input } : {}),
        ...(version ? { version } : {}),
      };
      if (!(await deps.instances.put(state, existing?.etag))) return { started: false, status: 'Pending' };
      await sendStart(state);
      return { started: true, instanceId };
    });
  }

  function sendStart(state: InstanceState): Promise<void> {
    return deps.control.send({
      id: randomUUID(),
      type: 'start',
      instanceId: state.instanceId,
      executionId: state.executionId,
      name: state.name,
      ...(state.input !== undefined ? { input: state.input } : {}),
      ...(state.version ? { version: state.version } : {}),
      createdTime: state.createdTime.toISOString(),
      origin: { kind: 'client' },
    });
  }

  /** Re-sends the start of Pending instances (their start message may have been lost in a crash). */
  async function recoverPending(): Promise<number> {
    const pending = await deps.instances.all({ runtimeStatus: ['Pending'] });
    await Promise.all(pending.map(sendStart));
    return pending.length;
  }

  function sendLifecycle(
    type: 'terminate' | 'suspend' | 'resume',
    instanceId: string,
    reason: string | undefined,
  ) {
    return deps.control.send({
      id: randomUUID(),
      type,
      instanceId,
      ...(reason !== undefined ? { reason } : {}),
    });
  }

  function raiseEvent(instanceId: string, name: string, input: string | undefined) {
    return deps.control.send({
      id: randomUUID(),
      type: 'eventRaised',
      instanceId,
      name,
      ...(input !== undefined ? { input } : {}),
    });
  }

  async function purge(instanceId: string): Promise<void> {
    await deps.locks.run(instanceId, async () => {
      await deps.history.deleteInstance(instanceId);
      await deps.instances.remove(instanceId);
    });
  }

  /** Purges finished instances matching the query (only finished ones unless statuses are named). */
  async function purgeWhere(query: InstanceQuery): Promise<number> {
    const statuses = query.runtimeStatus?.length
      ? query.runtimeStatus
      : (['Completed', 'Failed', 'Terminated', 'Canceled'] as RuntimeStatus[]);
    const found = await deps.instances.all({ ...query, runtimeStatus: statuses });
    for (const instance of found) await purge(instance.instanceId);
    return found.length;
  }

  return {
    start,
    recoverPending,
    terminate: (instanceId: string, reason?: string) => sendLifecycle('terminate', instanceId, reason),
    suspend: (instanceId: string, reason?: string) => sendLifecycle('suspend', instanceId, reason),
    resume: (instanceId: string, reason?: string) => sendLifecycle('resume', instanceId, reason),
    raiseEvent,
    purge,
    purgeWhere,
  };
}

export type InstanceCommands = ReturnType<typeof createInstanceCommands>;
