import path from 'node:path';
import { createCoreApi, installCoreApi, type CoreLog } from './core-api';
import { FunctionRegistry } from './function-registry';
import { runAppHooks, type AppState } from './invoke-function';

/** An app's main: the package "main" file, or (a typed test app) a function that imports its module. */
export type AppMain = string | (() => Promise<unknown>);

/**
 * Loads a Functions app the way the Node worker does: provide `@azure/functions-core`, require the
 * package "main", let the programming model report its capabilities, and run the appStart hooks.
 */
export async function loadApp(
  main: AppMain,
  log: CoreLog,
): Promise<AppState & { capabilities: Record<string, string> }> {
  const registry = new FunctionRegistry();
  installCoreApi(createCoreApi(registry, log));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof main === 'string') require(path.resolve(main));
  else await main();
  const app: AppState = { registry, appHookData: {}, log, extraInputs: new Map() };
  const capabilities = (await registry.programmingModel?.getCapabilities?.({})) ?? {};
  await runAppHooks(
    app,
    'appStart',
    typeof main === 'string' ? path.dirname(path.resolve(main)) : process.cwd(),
  );
  return { ...app, capabilities };
}
