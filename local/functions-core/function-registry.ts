import type * as core from '@azure/functions-core';

/** One function the app registered with `registerFunction`, exactly as the worker receives it. */
export interface RegisteredFunction {
  readonly name: string;
  readonly metadata: core.FunctionMetadata;
  readonly callback: core.FunctionCallback;
  /** The trigger binding (the one binding whose type ends in "Trigger"). */
  readonly trigger: core.RpcBindingInfo & Record<string, unknown> & { name: string; type: string };
}

export type HookName = 'preInvocation' | 'postInvocation' | 'appStart' | 'appTerminate';

/** Everything the app registered: functions, hooks and its programming model. */
export class FunctionRegistry {
  readonly #functions = new Map<string, RegisteredFunction>();
  readonly #hooks = new Map<HookName, Set<core.HookCallback>>();
  programmingModel: core.ProgrammingModel | undefined;

  add(metadata: core.FunctionMetadata, callback: core.FunctionCallback): RegisteredFunction {
    const key = metadata.name.toLowerCase();
    if (this.#functions.has(key)) {
      throw new Error(`A function named "${metadata.name}" is already registered.`);
    }
    const trigger = Object.entries(metadata.bindings).find(([, b]) => /trigger$/i.test(b.type ?? ''));
    if (!trigger) throw new Error(`Function "${metadata.name}" has no trigger binding.`);
    const [bindingName, binding] = trigger;
    const registered: RegisteredFunction = {
      name: metadata.name,
      metadata,
      callback,
      trigger: { ...(binding as Record<string, unknown>), name: bindingName, type: binding.type ?? '' },
    };
    this.#functions.set(key, registered);
    return registered;
  }

  remove(name: string): void {
    this.#functions.delete(name.toLowerCase());
  }

  get(name: string): RegisteredFunction | undefined {
    return this.#functions.get(name.toLowerCase());
  }

  all(): RegisteredFunction[] {
    return [...this.#functions.values()];
  }

  /** Functions whose trigger type matches (case-insensitive), e.g. "httpTrigger". */
  byTrigger(type: string): RegisteredFunction[] {
    const wanted = type.toLowerCase();
    return this.all().filter((f) => f.trigger.type.toLowerCase() === wanted);
  }

  addHook(name: HookName, callback: core.HookCallback): () => void {
    let set = this.#hooks.get(name);
    if (!set) this.#hooks.set(name, (set = new Set()));
    set.add(callback);
    return () => set.delete(callback);
  }

  hooks(name: HookName): core.HookCallback[] {
    return [...(this.#hooks.get(name) ?? [])];
  }
}
