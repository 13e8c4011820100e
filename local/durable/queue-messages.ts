import { z } from 'zod';

/**
 * Messages on the task hub's queues, as in the Durable Azure Storage provider: the control queue
 * carries orchestration messages, the work-item queue activity executions. Every message has a
 * unique id (duplicate detection) and names its instance.
 */

const failureDetails: z.ZodType<{
  ErrorType: string;
  ErrorMessage: string;
  StackTrace?: string | undefined;
  IsNonRetriable?: boolean | undefined;
  Properties?: Record<string, unknown> | undefined;
}> = z
  .object({
    ErrorType: z.string(),
    ErrorMessage: z.string(),
    StackTrace: z.string().optional(),
    IsNonRetriable: z.boolean().optional(),
    Properties: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

const base = { id: z.string(), instanceId: z.string() };
/** A message about a task carries the execution and the dispatch that scheduled the task. */
const taskRef = { ...base, executionId: z.string(), taskId: z.number().int(), dispatchId: z.string() };
const failure = { reason: z.string(), details: z.string(), failureDetails: failureDetails.optional() };

/** Who asked for an execution to start; checked before it runs (a crashed episode's request is stale). */
const origin = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('client') }),
  z.object({ kind: z.literal('continueAsNew'), executionId: z.string() }),
  z.object({ kind: z.literal('subOrchestration') }),
]);

/** The parent of a sub-orchestration: where its result goes. */
const parent = z.object({
  instanceId: z.string(),
  executionId: z.string(),
  name: z.string(),
  taskId: z.number().int(),
  dispatchId: z.string(),
});

export type ParentRef = z.infer<typeof parent>;

export const controlMessage = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('start'),
    executionId: z.string(),
    name: z.string(),
    input: z.string().optional(),
    version: z.string().optional(),
    createdTime: z.string(),
    origin,
    parent: parent.optional(),
  }),
  z.object({ ...taskRef, type: z.literal('taskCompleted'), result: z.string() }),
  z.object({ ...taskRef, type: z.literal('taskFailed'), ...failure }),
  z.object({ ...taskRef, type: z.literal('subOrchestrationCompleted'), result: z.string().optional() }),
  z.object({ ...taskRef, type: z.literal('subOrchestrationFailed'), ...failure }),
  z.object({ ...taskRef, type: z.literal('timerFired'), fireAt: z.string() }),
  z.object({ ...base, type: z.literal('eventRaised'), name: z.string(), input: z.string().optional() }),
  z.object({ ...base, type: z.literal('terminate'), reason: z.string().optional() }),
  z.object({ ...base, type: z.literal('suspend'), reason: z.string().optional() }),
  z.object({ ...base, type: z.literal('resume'), reason: z.string().optional() }),
]);

export type ControlMessage = z.infer<typeof controlMessage>;
export type StartMessage = Extract<ControlMessage, { type: 'start' }>;
export type TaskMessage = Extract<
  ControlMessage,
  {
    type:
      'taskCompleted' | 'taskFailed' | 'subOrchestrationCompleted' | 'subOrchestrationFailed' | 'timerFired';
  }
>;
export type LifecycleMessage = Extract<ControlMessage, { type: 'terminate' | 'suspend' | 'resume' }>;

export const activityMessage = z.object({
  ...taskRef,
  type: z.literal('activity'),
  name: z.string(),
  input: z.string().optional(),
});

export type ActivityMessage = z.infer<typeof activityMessage>;
