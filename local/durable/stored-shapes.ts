import { z } from 'zod';
import { EventType, type EventTypeCode, OrchestrationStatusCode, type RuntimeStatus } from './history-event';

/** Shapes of what the engine reads back from Table storage, checked once at that boundary. */

const eventTypes = Object.values(EventType) as number[];

export const historyRowCore = z
  .object({
    EventType: z
      .number()
      .int()
      .refine((n) => eventTypes.includes(n), 'unknown EventType')
      .transform((n) => n as EventTypeCode),
    EventId: z.number().int(),
    EventTimestamp: z.string(),
  })
  .loose();

const instanceRef = z.object({ InstanceId: z.string(), ExecutionId: z.string() });

const failureDetails = z
  .object({
    ErrorType: z.string(),
    ErrorMessage: z.string(),
    StackTrace: z.string().optional(),
    IsNonRetriable: z.boolean().optional(),
    Properties: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** JSON-valued event properties, by name. */
export const eventObjectFields = {
  FailureDetails: failureDetails,
  OrchestrationInstance: instanceRef,
  ParentInstance: z.object({
    Name: z.string(),
    TaskScheduleId: z.number().int(),
    OrchestrationInstance: instanceRef,
  }),
};

export const eventMeta = z
  .object({
    messageId: z.string().optional(),
    dispatchId: z.string().optional(),
    actionIndex: z.number().int().optional(),
    retryGroup: z.number().int().optional(),
    retryOptions: z.string().optional(),
    synthetic: z.boolean().optional(),
    newActions: z.array(z.object({ kind: z.string(), name: z.string() })).optional(),
    customStatus: z.string().optional(),
    nextExecutionId: z.string().optional(),
    nextInput: z.string().optional(),
    createdTime: z.string().optional(),
    parentDispatchId: z.string().optional(),
  })
  .loose();

const runtimeStatuses = Object.keys(OrchestrationStatusCode) as [RuntimeStatus, ...RuntimeStatus[]];

export const instanceRowCore = z
  .object({
    partitionKey: z.string(),
    Name: z.string(),
    ExecutionId: z.string(),
    RuntimeStatus: z.enum(runtimeStatuses),
    CreatedTime: z.union([z.string(), z.date()]).transform((v) => new Date(v)),
    LastUpdatedTime: z.union([z.string(), z.date()]).transform((v) => new Date(v)),
    HistoryCount: z.number().int().default(0),
    Version: z.string().optional(),
    ParentInstanceId: z.string().optional(),
    HistoryExecutionId: z.string().optional(),
  })
  .loose();
