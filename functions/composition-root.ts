import type { AppConfig } from '../shared/config/app-config';
import { loadConfigFromEnvironment } from '../shared/config/load-config';
import { createDeps, type CompositionHooks, type Deps } from '../shared/composition/create-deps';
import { exportMetrics, telemetryEnabled } from './telemetry/start-telemetry';

export { createDeps, type Deps };

/** The host's parts from its settings, with the metrics exported when telemetry is on. */
export function createHostDeps(config: AppConfig, hooks: CompositionHooks = {}): Deps {
  const deps = createDeps(config, {}, hooks);
  exportMetrics(deps.metrics, telemetryEnabled());
  return deps;
}

const fromSettings = () => createHostDeps(loadConfigFromEnvironment());

/** Who builds the parts: the settings, unless a test or the local host installed its own. */
let build: () => Deps = fromSettings;
let installed: object | undefined;
let memo: Deps | undefined;

/** The one composition root of the Azure host: built on first use, then the same for the process. */
export function getDeps(): Deps {
  return (memo ??= build());
}

/**
 * Installs the parts the functions use — ready `deps` (tests) or a builder run on first use (the local
 * host, with its hooks) — until the returned function uninstalls them. A second install before that
 * throws: two owners of one process's parts are a bug, not something to resolve silently.
 */
export function installDeps(deps: Deps | (() => Deps)): () => void {
  if (installed) throw new Error('Deps are already installed: uninstall them first.');
  const owner = {};
  installed = owner;
  build = typeof deps === 'function' ? deps : () => deps;
  memo = undefined;
  return () => {
    if (installed !== owner) return;
    installed = undefined;
    build = fromSettings;
    memo = undefined;
  };
}

/** Releases what the process holds — the PDF renderer's browser, if one was launched. Shutdown only. */
export async function closeDeps(): Promise<void> {
  await memo?.runs.renderers.pdf.close();
}
