import { randomUUID } from 'node:crypto';
import { invokeFunction } from '../functions-core/invoke-function';
import type { EngineDeps } from './engine-deps';
import type { FailureDetails } from './history-event';
import { checkTask, type TaskVerdict } from './history-queries';
import type { Received } from './hub-queue';
import { typedDataValue } from './invoke-orchestrator';
import type { ActivityMessage } from './queue-messages';

type ActivityOutcome =
  | { ok: true; result: string }
  | { ok: false; reason: string; details: string; failureDetails?: FailureDetails };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const maxPendingDeliveries = 60;

/** The JSON the extension records as TaskCompleted.Result for an activity's return value. */
function resultJson(returnValue: Parameters<typeof typedDataValue>[0]): string {
  const value = typedDataValue(returnValue);
  return value === undefined ? 'null' : JSON.stringify(value);
}

/**
 * durable-functions' `wrapActivityHandler` replaces the message of a thrown error with a JSON
 * failure-details payload when an exception-properties provider is registered.
 */
function failureDetailsOf(message: string): FailureDetails | undefined {
  if (!message.startsWith('{')) return undefined;
  try {
    const p = JSON.parse(message) as Record<string, unknown>;
    if (typeof p.errorType !== 'string' || typeof p.errorMessage !== 'string') return undefined;
    return {
      ErrorType: p.errorType,
      ErrorMessage: p.errorMessage,
      ...(typeof p.stackTrace === 'string' ? { StackTrace: p.stackTrace } : {}),
      IsNonRetriable: p.isNonRetriable === true,
      ...(p.properties && typeof p.properties === 'object'
        ? { Properties: p.properties as Record<string, unknown> }
        : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Runs activity work items: checks the dispatch that scheduled the task committed (an interrupted
 * episode's duplicate is dropped), invokes the registered activity function, and reports
 * TaskCompleted / TaskFailed to the orchestration's control queue. At-least-once, as in Durable.
 */
export function createActivityProcessor(deps: EngineDeps) {
  async function verdictOf(m: ActivityMessage): Promise<TaskVerdict> {
    let verdict: TaskVerdict = 'pending';
    // The scheduling episode sends its work just before it commits: give the commit a moment.
    for (let i = 0; i < 20 && verdict === 'pending'; i++) {
      if (i > 0) await sleep(50);
      verdict = checkTask(await deps.history.load(m.instanceId), m.executionId, m.taskId, m.dispatchId);
    }
    return verdict;
  }

  async function run(m: ActivityMessage): Promise<ActivityOutcome> {
    const fn = deps.app.registry.get(m.name);
    if (!fn || fn.trigger.type.toLowerCase() !== 'activitytrigger') {
      const reason = `The function '${m.name}' doesn't exist, is disabled, or is not an activity function.`;
      return { ok: false, reason, details: reason };
    }
    try {
      const outcome = await invokeFunction(deps.app, fn, {
        inputData: [{ name: fn.trigger.name, data: m.input === undefined ? null : { json: m.input } }],
      });
      return { ok: true, result: resultJson(outcome.response.returnValue) };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const failureDetails = failureDetailsOf(error.message);
      const message = failureDetails?.ErrorMessage ?? error.message;
      return {
        ok: false,
        reason: `Activity function '${m.name}' failed: ${message}`,
        details: failureDetails?.StackTrace ?? error.stack ?? message,
        ...(failureDetails ? { failureDetails } : {}),
      };
    }
  }

  /** Activities running in this process, by task: a redelivery of one of them must not run it twice. */
  const running = new Map<string, Received<ActivityMessage>>();

  async function handle(message: Received<ActivityMessage>): Promise<void> {
    const m = message.body;
    const key = `${m.instanceId}|${m.executionId}|${m.taskId}|${m.dispatchId}`;
    const current = running.get(key);
    if (current) {
      // Redelivered while still running here (its renewal came too late): keep it hidden and
      // hand the new receipt to the run in progress, which deletes the message when done.
      await deps.workItems.hide(message, deps.timings.activityVisibilityMs);
      current.popReceipt = message.popReceipt;
      return;
    }
    running.set(key, message);
    try {
      const verdict = await verdictOf(m);
      if (verdict === 'pending' && message.dequeueCount <= maxPendingDeliveries) {
        return await deps.workItems.hide(message, 1000);
      }
      if (verdict !== 'valid') {
        deps.log('debug', `Skipping activity '${m.name}' #${m.taskId} of '${m.instanceId}' (${verdict}).`);
        return await deps.workItems.remove(message);
      }
      const outcome = await deps.workItems.whileHidden(message, deps.timings.activityVisibilityMs, () =>
        run(m),
      );
      await report(m, outcome);
      await deps.workItems.remove(message);
    } finally {
      running.delete(key);
    }
  }

  async function report(m: ActivityMessage, outcome: ActivityOutcome): Promise<void> {
    const ref = {
      id: randomUUID(),
      instanceId: m.instanceId,
      executionId: m.executionId,
      taskId: m.taskId,
      dispatchId: m.dispatchId,
    };
    await deps.control.send(
      outcome.ok
        ? { ...ref, type: 'taskCompleted', result: outcome.result }
        : {
            ...ref,
            type: 'taskFailed',
            reason: outcome.reason,
            details: outcome.details,
            ...(outcome.failureDetails ? { failureDetails: outcome.failureDetails } : {}),
          },
    );
  }

  return { handle };
}

export type ActivityProcessor = ReturnType<typeof createActivityProcessor>;
