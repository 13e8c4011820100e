import type * as core from '@azure/functions-core';
import Module from 'node:module';
import { type FunctionRegistry, type HookName } from './function-registry';

export type CoreLog = (level: core.RpcLogLevel, category: core.RpcLogCategory, message: string) => void;

class Disposable {
  static from(...items: { dispose: () => unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  #callOnDispose: (() => unknown) | undefined;
  constructor(callOnDispose: () => unknown) {
    this.#callOnDispose = callOnDispose;
  }
  dispose(): unknown {
    const call = this.#callOnDispose;
    this.#callOnDispose = undefined;
    return call?.();
  }
}

const knownHooks: readonly HookName[] = ['preInvocation', 'postInvocation', 'appStart', 'appTerminate'];

/**
 * The module `@azure/functions-core` as the Node worker provides it: the app's only door into the host.
 * Registrations land in `registry`.
 */
export function createCoreApi(registry: FunctionRegistry, log: CoreLog) {
  return {
    version: '3.10.1',
    hostVersion: '4.1037.0',
    Disposable,
    log,
    registerFunction(metadata: core.FunctionMetadata, callback: core.FunctionCallback): Disposable {
      registry.add(metadata, callback);
      return new Disposable(() => registry.remove(metadata.name));
    },
    registerHook(hookName: string, callback: core.HookCallback): Disposable {
      if (!knownHooks.includes(hookName as HookName)) {
        throw new RangeError(`Unrecognized hook "${hookName}"`);
      }
      return new Disposable(registry.addHook(hookName as HookName, callback));
    },
    setProgrammingModel(model: core.ProgrammingModel): void {
      registry.programmingModel = model;
    },
    getProgrammingModel(): core.ProgrammingModel {
      if (!registry.programmingModel) throw new Error('No programming model has been set.');
      return registry.programmingModel;
    },
  };
}

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;

/**
 * Makes `require('@azure/functions-core')` return `api`, as the worker does. Returns an undo function.
 * The worker does the same thing with a hook on Module._load.
 */
export function installCoreApi(api: ReturnType<typeof createCoreApi>): () => void {
  const loader = Module as unknown as { _load: ModuleLoad };
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    if (request === '@azure/functions-core') return api;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    loader._load = original;
  };
}
