import { z } from 'zod';
import type { ActionSignature } from './history-event';

/** durable-functions `ActionType`. */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

export function actionTypeName(code: number): string {
  return Object.entries(ActionType).find(([, value]) => value === code)?.[0] ?? `ActionType ${code}`;
}

export interface OrchestratorAction {
  actionType: number;
  functionName?: string | undefined;
  input?: unknown;
  retryOptions?: unknown;
  fireAt?: string | undefined;
  isCanceled?: boolean | undefined;
  externalEventName?: string | undefined;
  instanceId?: string | undefined;
  version?: string | undefined;
  compoundActions?: OrchestratorAction[] | undefined;
}

const action: z.ZodType<OrchestratorAction> = z.lazy(() =>
  z
    .object({
      actionType: z.number(),
      functionName: z.string().optional(),
      input: z.unknown().optional(),
      retryOptions: z.unknown().optional(),
      fireAt: z.string().optional(),
      isCanceled: z.boolean().optional(),
      externalEventName: z.string().optional(),
      instanceId: z
        .string()
        .nullish()
        .transform((v) => v ?? undefined),
      version: z
        .string()
        .nullish()
        .transform((v) => v ?? undefined),
      compoundActions: z.array(action).optional(),
    })
    .loose(),
);

/** The `OrchestratorState` an orchestrator invocation returns (or embeds in its failure). */
export const orchestratorState = z
  .object({
    isDone: z.boolean(),
    actions: z.array(z.array(action)).default([]),
    output: z.unknown().optional(),
    error: z.string().optional(),
    customStatus: z.unknown().optional(),
    schemaVersion: z.number().optional(),
  })
  .loose();

export type OrchestratorState = z.infer<typeof orchestratorState>;

/**
 * All actions in the order they were first returned. With replay schema V1 durable-functions
 * already flattens Task.all / Task.any into their children; compound actions are flattened here too
 * so a later schema behaves the same.
 */
export function flattenActions(state: Pick<OrchestratorState, 'actions'>): OrchestratorAction[] {
  const flat: OrchestratorAction[] = [];
  const visit = (a: OrchestratorAction) => {
    if ((a.actionType === ActionType.WhenAll || a.actionType === ActionType.WhenAny) && a.compoundActions) {
      a.compoundActions.forEach(visit);
    } else {
      flat.push(a);
    }
  };
  state.actions.forEach((group) => group.forEach(visit));
  return flat;
}

export function signatureOf(a: OrchestratorAction): ActionSignature {
  return { kind: actionTypeName(a.actionType), name: a.functionName ?? a.externalEventName ?? '' };
}

export function describeSignature(s: ActionSignature): string {
  return s.name ? `${s.kind} '${s.name}'` : s.kind;
}

/** Actions whose tasks get a sequence number from the JS executor. */
export function allocatesId(a: OrchestratorAction): boolean {
  switch (a.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
    case ActionType.CreateTimer:
      return true;
    default:
      return false;
  }
}

const supported: readonly number[] = [
  ActionType.CallActivity,
  ActionType.CallActivityWithRetry,
  ActionType.CallSubOrchestrator,
  ActionType.CallSubOrchestratorWithRetry,
  ActionType.ContinueAsNew,
  ActionType.CreateTimer,
  ActionType.WaitForExternalEvent,
];

export function isSupported(a: OrchestratorAction): boolean {
  return supported.includes(a.actionType);
}

/**
 * durable-functions' `Utils.processInput` JSON-encodes string inputs of activities and
 * continue-as-new (so the .NET host round-trips them); this undoes it to get the value the callee sees.
 */
export function decodeProcessedInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}
