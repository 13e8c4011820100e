import path from 'node:path';
import { createCoreApi, installCoreApi, type CoreLog } from './core-api';
import { FunctionRegistry } from './function-registry';
import { runAppHooks, type AppState } from './invoke-function';

/**
 * Loads a Functions app the way the Node worker does: provide `@azure/functions-core`, require the
 * package "main", let the programming model report its capabilities, and run the appStart hooks.
 */
export async function loadApp(
  mainModule: string,
  log: CoreLog,
): Promise<AppState & { capabilities: Record<string, string> }> {
  const registry = new FunctionRegistry();
  installCoreApi(createCoreApi(registry, log));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.resolve(mainModule));
  const app: AppState = { registry, appHookData: {}, log, extraInputs: new Map() };
  const capabilities = (await registry.programmingModel?.getCapabilities?.({})) ?? {};
  await runAppHooks(app, 'appStart', path.dirname(path.resolve(mainModule)));
  return { ...app, capabilities };
}
