import { commitEpisode, type Disposition, done, retry, syncInstance } from './commit-episode';
import type { EngineDeps } from './engine-deps';
import type { EpisodeResult } from './episode-plan';
import { EventType, type HistoryRecord, isTerminal, newRecord } from './history-event';
import {
  checkTask,
  completedRecord,
  isFinished,
  parentOf,
  startedRecord,
  statusOf,
  wasApplied,
} from './history-queries';
import { HistoryConflictError, type LoadedHistory } from './history-store';
import type { Received } from './hub-queue';
import { applyLifecycle } from './lifecycle-episode';
import { eventOf } from './message-events';
import type { ControlMessage, ParentRef, StartMessage, TaskMessage } from './queue-messages';
import { runEpisode } from './run-episode';
import { notifyParent, sendWork } from './send-work';
import { startVerdict } from './start-verdict';

/** A message that waits for a commit elsewhere is given up after this many deliveries. */
const maxPendingDeliveries = 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Applies control-queue messages to orchestration instances, one event per episode. A message is
 * deleted only after its effect is committed (work enqueued first, then history, then the instance
 * row); a redelivered message whose effect is already in the history only repairs the row.
 */
export function createOrchestrationProcessor(deps: EngineDeps) {
  async function handle(message: Received<ControlMessage>): Promise<void> {
    const m = message.body;
    if (m.type === 'timerFired') {
      const wait = Date.parse(m.fireAt) - deps.clock().getTime();
      if (wait > 2000) return deps.control.hide(message, wait);
      if (wait > 0) await sleep(wait);
    }
    let disposition: Disposition;
    try {
      disposition = await deps.control.whileHidden(message, deps.timings.controlVisibilityMs, () =>
        deps.locks.run(m.instanceId, () => process(m)),
      );
    } catch (err) {
      if (!(err instanceof HistoryConflictError)) throw err;
      deps.log('warning', `${err.message} Retrying ${m.type}.`);
      disposition = retry(0);
    }
    if (
      disposition.kind === 'retry' &&
      disposition.waitsForCommit &&
      message.dequeueCount > maxPendingDeliveries
    ) {
      deps.log('warning', `Dropping ${m.type} for '${m.instanceId}': what it waits for never committed.`);
      disposition = done;
    }
    if (disposition.kind === 'done') await deps.control.remove(message);
    else await deps.control.hide(message, disposition.delayMs);
  }

  async function process(m: ControlMessage): Promise<Disposition> {
    const loaded = await deps.history.load(m.instanceId);
    switch (m.type) {
      case 'start':
        return processStart(m, loaded);
      case 'terminate':
      case 'suspend':
      case 'resume':
        return applyLifecycle(deps, m, loaded);
      default:
        return processEvent(m, loaded);
    }
  }

  /** Runs one episode over `prior` + `applied`, sends its work, then commits it. */
  async function runAndCommit(
    m: ControlMessage,
    loaded: LoadedHistory,
    executionId: string,
    prior: readonly HistoryRecord[],
    applied: HistoryRecord,
    force = false,
  ): Promise<Disposition> {
    const started = startedRecord(prior) ?? applied;
    const parent = parentOf([started]);
    const name = started.event.Name ?? '';
    const outcome = await runEpisode(deps, {
      instanceId: m.instanceId,
      executionId,
      orchestratorName: name,
      prior,
      applied,
      ...(started.event.Input !== undefined ? { input: started.event.Input } : {}),
      ...(parent ? { parentInstanceId: parent.instanceId } : {}),
    });
    const { plan } = outcome;
    await sendWork(
      deps,
      {
        instanceId: m.instanceId,
        executionId,
        orchestratorName: name,
        dispatchId: outcome.dispatchId,
        now: outcome.now,
        ...(parent ? { parent } : {}),
      },
      plan.work,
    );
    if (parent) await notifyParent(deps, parent, plan.result);
    await commitEpisode(deps, {
      instanceId: m.instanceId,
      executionId,
      loaded,
      prior,
      records: outcome.records,
      messageType: m.type,
      force,
    });
    logResult(m.instanceId, name, plan.result);
    return done;
  }

  function logResult(instanceId: string, name: string, result: EpisodeResult): void {
    if (result.status === 'Failed')
      deps.log('warning', `Orchestration '${name}' (${instanceId}) failed: ${result.message}`);
    else if (result.status !== 'Running')
      deps.log('debug', `Orchestration '${name}' (${instanceId}) ${result.status}.`);
  }

  async function processStart(m: StartMessage, loaded: LoadedHistory): Promise<Disposition> {
    if (loaded.executionId === m.executionId) {
      await syncInstance(deps, m.instanceId, loaded);
      return done;
    }
    let verdict = await startVerdict(deps, m, loaded);
    for (let i = 0; verdict === 'pending' && i < 20; i++) {
      await sleep(50);
      verdict = await startVerdict(deps, m, await deps.history.load(m.instanceId));
    }
    if (verdict === 'pending') return retry(1000, true);
    if (verdict === 'stale') {
      deps.log('debug', `Ignoring a stale start of '${m.instanceId}' (${m.origin.kind}).`);
      return done;
    }
    if (m.parent && m.origin.kind === 'subOrchestration') {
      const existing = await deps.instances.get(m.instanceId);
      if (
        existing &&
        !isTerminal(existing.state.runtimeStatus) &&
        existing.state.runtimeStatus !== 'ContinuedAsNew'
      ) {
        const message = `An orchestration with instance ID '${m.instanceId}' already exists and is ${existing.state.runtimeStatus}.`;
        await notifyParent(deps, m.parent, { status: 'Failed', message, details: message });
        return done;
      }
    }
    const now = deps.clock();
    const started = executionStarted(m, now);
    return runAndCommit(m, loaded, m.executionId, [], started, m.origin.kind === 'subOrchestration');
  }

  function executionStarted(m: StartMessage, now: Date): HistoryRecord {
    return newRecord(
      EventType.ExecutionStarted,
      now,
      {
        Name: m.name,
        ...(m.input !== undefined ? { Input: m.input } : {}),
        ...(m.version ? { Version: m.version } : {}),
        OrchestrationInstance: { InstanceId: m.instanceId, ExecutionId: m.executionId },
        ...(m.parent ? { ParentInstance: parentInstance(m.parent) } : {}),
      },
      {
        messageId: m.id,
        createdTime: m.createdTime,
        ...(m.parent ? { parentDispatchId: m.parent.dispatchId } : {}),
      },
    );
  }

  function parentInstance(p: ParentRef) {
    return {
      Name: p.name,
      TaskScheduleId: p.taskId,
      OrchestrationInstance: { InstanceId: p.instanceId, ExecutionId: p.executionId },
    };
  }

  async function processEvent(
    m: TaskMessage | Extract<ControlMessage, { type: 'eventRaised' }>,
    loaded: LoadedHistory,
  ): Promise<Disposition> {
    const row = await deps.instances.get(m.instanceId);
    const waitingToStart =
      row !== undefined &&
      row.state.executionId !== loaded.executionId &&
      !isTerminal(row.state.runtimeStatus);
    if (m.type === 'eventRaised' && (waitingToStart || !loaded.executionId)) {
      return row ? retry(1000) : done;
    }
    if (!loaded.executionId) return row ? retry(1000) : done;
    // An event raised while the execution continues as new belongs to the next execution.
    if (m.type === 'eventRaised' && completedRecord(loaded.records)?.meta.nextExecutionId) return retry(500);
    if (isFinished(loaded.records)) {
      await syncInstance(deps, m.instanceId, loaded);
      return done;
    }
    if (m.type === 'eventRaised') {
      if (wasApplied(loaded.records, m.id)) {
        await syncInstance(deps, m.instanceId, loaded);
        return done;
      }
    } else {
      const verdict = checkTask(loaded, m.executionId, m.taskId, m.dispatchId);
      if (verdict === 'pending') return retry(1000, true);
      if (verdict === 'stale') return done;
      if (verdict === 'resolved') {
        await syncInstance(deps, m.instanceId, loaded);
        return done;
      }
    }
    if (statusOf(loaded.records) === 'Suspended') return retry(1000);
    return runAndCommit(m, loaded, loaded.executionId, loaded.records, eventOf(m, deps.clock()));
  }

  return { handle };
}

export type OrchestrationProcessor = ReturnType<typeof createOrchestrationProcessor>;
