import { randomUUID } from 'node:crypto';
import type { EngineDeps } from './engine-deps';
import type { EpisodeResult, EpisodeWork } from './episode-plan';
import { newExecutionId } from './run-episode';
import type { ParentRef } from './queue-messages';

export interface WorkOrigin {
  instanceId: string;
  executionId: string;
  orchestratorName: string;
  dispatchId: string;
  now: Date;
  /** The parent of this execution, if it is a sub-orchestration. */
  parent?: ParentRef;
}

/** Sends the messages an episode produced. Runs before the episode commits: nothing is lost. */
export async function sendWork(
  deps: EngineDeps,
  origin: WorkOrigin,
  work: readonly EpisodeWork[],
): Promise<void> {
  const { instanceId, executionId, dispatchId, now } = origin;
  const sends: Promise<void>[] = [];
  for (const w of work) {
    const id = randomUUID();
    switch (w.type) {
      case 'activity':
        sends.push(
          deps.workItems.send({
            id,
            type: 'activity',
            instanceId,
            executionId,
            taskId: w.taskId,
            dispatchId,
            name: w.name,
            ...(w.input !== undefined ? { input: w.input } : {}),
          }),
        );
        break;
      case 'timer':
        sends.push(
          deps.control.send(
            {
              id,
              type: 'timerFired',
              instanceId,
              executionId,
              taskId: w.timerId,
              dispatchId,
              fireAt: w.fireAt,
            },
            Date.parse(w.fireAt) - now.getTime(),
          ),
        );
        break;
      case 'startChild':
        sends.push(
          deps.control.send({
            id,
            type: 'start',
            instanceId: w.instanceId,
            executionId: newExecutionId(),
            name: w.name,
            ...(w.input !== undefined ? { input: w.input } : {}),
            ...(w.version ? { version: w.version } : {}),
            createdTime: now.toISOString(),
            origin: { kind: 'subOrchestration' },
            parent: { instanceId, executionId, name: origin.orchestratorName, taskId: w.taskId, dispatchId },
          }),
        );
        break;
      case 'failTask':
        sends.push(
          deps.control.send({
            id,
            type: w.kind === 'activity' ? 'taskFailed' : 'subOrchestrationFailed',
            instanceId,
            executionId,
            taskId: w.taskId,
            dispatchId,
            reason: w.failure.reason,
            details: w.failure.details,
            ...(w.failure.failureDetails ? { failureDetails: w.failure.failureDetails } : {}),
          }),
        );
        break;
      case 'continueAsNew':
        sends.push(
          deps.control.send({
            id,
            type: 'start',
            instanceId,
            executionId: w.executionId,
            name: origin.orchestratorName,
            ...(w.input !== undefined ? { input: w.input } : {}),
            createdTime: now.toISOString(),
            origin: { kind: 'continueAsNew', executionId },
            ...(origin.parent ? { parent: origin.parent } : {}),
          }),
        );
        break;
    }
  }
  await Promise.all(sends);
}

/** Tells the parent orchestration how its sub-orchestration ended (nothing while it goes on). */
export async function notifyParent(
  deps: EngineDeps,
  parent: ParentRef,
  result: EpisodeResult,
): Promise<void> {
  const ref = {
    id: randomUUID(),
    instanceId: parent.instanceId,
    executionId: parent.executionId,
    taskId: parent.taskId,
    dispatchId: parent.dispatchId,
  };
  if (result.status === 'Completed') {
    await deps.control.send({
      ...ref,
      type: 'subOrchestrationCompleted',
      ...(result.output !== undefined ? { result: result.output } : {}),
    });
  } else if (result.status === 'Failed') {
    await deps.control.send({
      ...ref,
      type: 'subOrchestrationFailed',
      reason: result.message,
      details: result.details,
    });
  }
}
