import { loadConfigFromEnvironment } from '../shared/config/load-config';
import { createDeps, type Deps } from '../shared/composition/create-deps';
import { exportMetrics, telemetryEnabled } from './telemetry/start-telemetry';

export { createDeps, type Deps };

let memo: Deps | undefined;

/** The one composition root of the Azure host: built on first use, from process settings. */
export function getDeps(): Deps {
  if (!memo) {
    memo = createDeps(loadConfigFromEnvironment());
    exportMetrics(memo.metrics, telemetryEnabled());
  }
  return memo;
}

/** Releases what the process holds — the PDF renderer's browser, if one was launched. Shutdown only. */
export async function closeDeps(): Promise<void> {
  await memo?.runs.renderers.pdf.close();
}

/** Tests (and only tests) replace the dependencies; `undefined` returns to building from settings. */
export function setDepsForTesting(deps: Deps | undefined): void {
  memo = deps;
}
