import type * as core from '@azure/functions-core';
import { randomUUID } from 'node:crypto';
import type { CoreLog } from './core-api';
import type { FunctionRegistry, RegisteredFunction } from './function-registry';

/** What a trigger source hands the worker for one invocation (the RPC request, minus ids). */
export interface InvocationRequest {
  inputData: core.RpcParameterBinding[];
  triggerMetadata?: Record<string, core.RpcTypedData>;
  retryContext?: core.RpcRetryContext;
  invocationId?: string;
}

export interface InvocationOutcome {
  invocationId: string;
  response: core.RpcInvocationResponse;
  /** The InvocationContext the programming model built (the durable driver reads `df` from it). */
  context: unknown;
}

/** Shared state of one running app, as the worker keeps it. */
export interface AppState {
  registry: FunctionRegistry;
  appHookData: Record<string, unknown>;
  log: CoreLog;
  /**
   * Providers of extra input bindings, keyed by lower-cased binding type (e.g. "durableclient"):
   * the host fills these in for every invocation whose function declares such an input.
   */
  extraInputs: Map<string, ExtraInputProvider>;
}

export type ExtraInputProvider = (
  binding: core.RpcBindingInfo & Record<string, unknown>,
) => core.RpcTypedData;

function withExtraInputs(app: AppState, fn: RegisteredFunction, inputData: core.RpcParameterBinding[]) {
  const given = new Set(inputData.map((b) => b.name));
  const extra: core.RpcParameterBinding[] = [];
  for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
    if (binding.direction !== 'in' || name === fn.trigger.name || given.has(name)) continue;
    const provider = app.extraInputs.get((binding.type ?? '').toLowerCase());
    if (!provider)
      throw new Error(
        `Function "${fn.name}": the local host cannot provide input binding type "${binding.type}".`,
      );
    extra.push({ name, data: provider(binding as core.RpcBindingInfo & Record<string, unknown>) });
  }
  return [...inputData, ...extra];
}

/**
 * Runs one invocation through the app's programming model exactly as the Node worker does:
 * getArguments → preInvocation hooks → invokeFunction → postInvocation hooks → getResponse.
 * A function error is rethrown after the postInvocation hooks have seen it.
 */
export async function invokeFunction(
  app: AppState,
  fn: RegisteredFunction,
  request: InvocationRequest,
): Promise<InvocationOutcome> {
  const model = app.registry.programmingModel;
  if (!model) throw new Error('The app did not set a programming model (is @azure/functions loaded?).');
  const invocationId = request.invocationId ?? randomUUID();
  const coreCtx: core.CoreInvocationContext = {
    invocationId,
    request: {
      invocationId,
      functionId: fn.name,
      inputData: withExtraInputs(app, fn, request.inputData),
      triggerMetadata: request.triggerMetadata ?? {},
      retryContext: request.retryContext ?? null,
    },
    metadata: { name: fn.name, functionId: fn.name, bindings: fn.metadata.bindings },
    log: (level, category, message) => app.log(level, category, `[${fn.name}] ${message}`),
  };
  const invocationModel = model.getInvocationModel(coreCtx);
  const { context, inputs } = await invocationModel.getArguments();

  const hookData: Record<string, unknown> = {};
  const pre = {
    hookData,
    appHookData: app.appHookData,
    invocationContext: context,
    inputs,
    functionCallback: fn.callback,
  };
  coreCtx.state = 'preInvocationHooks';
  for (const hook of app.registry.hooks('preInvocation')) await hook(pre);

  coreCtx.state = 'invocation';
  let result: unknown;
  let error: unknown;
  try {
    result = await invocationModel.invokeFunction(context, pre.inputs, pre.functionCallback);
  } catch (err) {
    error = err;
  }

  const post = {
    hookData,
    appHookData: app.appHookData,
    invocationContext: context,
    inputs: pre.inputs,
    result,
    error,
  };
  coreCtx.state = 'postInvocationHooks';
  for (const hook of app.registry.hooks('postInvocation')) await hook(post);
  // The function's own error goes back to the trigger source unchanged, whatever was thrown.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (post.error !== undefined && post.error !== null) throw post.error;

  const response = await invocationModel.getResponse(context, post.result);
  return { invocationId, response, context };
}

/** Runs the app-level hooks (appStart / appTerminate) in registration order. */
export async function runAppHooks(
  app: AppState,
  name: 'appStart' | 'appTerminate',
  functionAppDirectory: string,
) {
  for (const hook of app.registry.hooks(name)) {
    await hook({ hookData: {}, appHookData: app.appHookData, functionAppDirectory } as core.HookContext);
  }
}
