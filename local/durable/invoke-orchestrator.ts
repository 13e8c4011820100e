import type * as core from '@azure/functions-core';
import type { RegisteredFunction } from '../functions-core/function-registry';
import { type AppState, invokeFunction } from '../functions-core/invoke-function';
import type { HistoryEvent } from './history-event';
import { orchestratorState, type OrchestratorState } from './orchestrator-actions';

/** What one orchestrator invocation produced. */
/** The JS executor's own view of its task ids after the episode (a cross-check of the engine's mirror). */
export interface ExecutorView {
  nextId: number;
  /** Open tasks by id: 'retry' for the NoOp tasks RetryableTask tracks, else the action's kind. */
  open: Map<number, OpenTaskKind>;
}

export type OpenTaskKind = 'activity' | 'timer' | 'subOrchestration' | 'retry' | 'other';

export type OrchestratorRun =
  | { kind: 'state'; state: OrchestratorState; executor?: ExecutorView }
  | { kind: 'failed'; message: string; details: string; state?: OrchestratorState };

export interface OrchestrationTriggerInput {
  history: HistoryEvent[];
  input: unknown;
  instanceId: string;
  parentInstanceId?: string;
  isReplaying: boolean;
}

/** Replay schema V1: the extension flattens Task.all / Task.any and uses plain timers. */
const upperSchemaVersion = 0;
const outOfProcDataLabel = '\n\n$OutOfProcData$:';

/**
 * Runs one episode of an orchestrator the way the Durable extension does for out-of-process
 * workers: the orchestration trigger carries the history, and the function returns an
 * OrchestratorState (or throws an OrchestrationFailureError that embeds it).
 */
export async function invokeOrchestrator(
  app: AppState,
  fn: RegisteredFunction,
  trigger: OrchestrationTriggerInput,
): Promise<OrchestratorRun> {
  const binding = {
    ...trigger,
    parentInstanceId: trigger.parentInstanceId ?? null,
    upperSchemaVersion,
    longRunningTimerIntervalDuration: '3.00:00:00',
    maximumShortTimerDuration: '6.00:00:00',
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
  let outcome;
  try {
    outcome = await invokeFunction(app, fn, {
      inputData: [{ name: fn.trigger.name, data: { json: JSON.stringify(binding) } }],
    });
  } catch (err) {
    return failedRun(err);
  }
  const state = orchestratorState.parse(typedDataValue(outcome.response.returnValue));
  const executor = executorView(outcome.context);
  return { kind: 'state', state, ...(executor ? { executor } : {}) };
}

function failedRun(err: unknown): OrchestratorRun {
  const message = err instanceof Error ? err.message : String(err);
  const at = message.indexOf(outOfProcDataLabel);
  if (at < 0) return { kind: 'failed', message, details: (err instanceof Error && err.stack) || message };
  const parsed = orchestratorState.safeParse(JSON.parse(message.slice(at + outOfProcDataLabel.length)));
  const state = parsed.success ? parsed.data : undefined;
  const error = state?.error ?? message.slice(0, at);
  return { kind: 'failed', message: error, details: error, ...(state ? { state } : {}) };
}

export function typedDataValue(data: core.RpcTypedData | null | undefined): unknown {
  if (!data) return undefined;
  if (data.json !== undefined && data.json !== null) return JSON.parse(data.json) as unknown;
  if (data.string !== undefined && data.string !== null) return data.string;
  if (data.int !== undefined && data.int !== null) return Number(data.int);
  if (data.double !== undefined && data.double !== null) return data.double;
  if (data.bytes) return Buffer.from(data.bytes).toString('base64');
  return undefined;
}

function kindOfOpenTask(task: unknown): OpenTaskKind {
  const action = (task as { actionObj?: unknown } | undefined)?.actionObj;
  if (action === 'noOp') return 'retry';
  switch ((action as { actionType?: unknown } | undefined)?.actionType) {
    case 0:
    case 1:
      return 'activity';
    case 2:
    case 3:
      return 'subOrchestration';
    case 5:
      return 'timer';
    default:
      return 'other';
  }
}

/**
 * The executor's sequence number and open tasks, read from the context durable-functions attached
 * (`context.df` → its TaskOrchestrationExecutor). Absent if the library's internals change.
 */
function executorView(context: unknown): ExecutorView | undefined {
  type Executor = { sequenceNumber?: unknown; openTasks?: Record<string, unknown> };
  const executor = (context as { df?: { taskOrchestratorExecutor?: Executor } } | undefined)?.df
    ?.taskOrchestratorExecutor;
  if (typeof executor?.sequenceNumber !== 'number' || typeof executor.openTasks !== 'object')
    return undefined;
  const open = new Map<number, OpenTaskKind>();
  for (const [key, task] of Object.entries(executor.openTasks)) {
    if (/^\d+$/.test(key)) open.set(Number(key), kindOfOpenTask(task));
  }
  return { nextId: executor.sequenceNumber, open };
}
