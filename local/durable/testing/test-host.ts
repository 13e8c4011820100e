import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadApp, type AppMain } from '../../functions-core/load-app';
import type { AppState } from '../../functions-core/invoke-function';
import { createDurableRuntime, type DurableRuntime, type DurableRuntimeOptions } from '../durable-runtime';

/** Test support: loads an app (a typed fixture in testing/), and serves the Durable API on a free port. */

export interface TestHost {
  app: AppState;
  runtime: DurableRuntime;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startTestHost(
  options: {
    main: AppMain;
    reuseApp?: AppState;
    connectionString: string;
    taskHub: string;
    logs?: string[];
  } & Partial<Pick<DurableRuntimeOptions, 'timings' | 'hooks' | 'concurrency' | 'stopTimeoutMs'>>,
): Promise<TestHost> {
  const logs = options.logs ?? [];
  // An app is loaded once per process (@azure/functions binds to the first core API it sees).
  const app =
    options.reuseApp ??
    (await loadApp(options.main, (level, _category, message) => logs.push(`${level}: ${message}`)));
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const runtime = createDurableRuntime({
    app,
    connectionString: options.connectionString,
    taskHub: options.taskHub,
    baseUrl,
    log: (level, message) => logs.push(`${level}: ${message}`),
    ...(options.timings ? { timings: options.timings } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.stopTimeoutMs ? { stopTimeoutMs: options.stopTimeoutMs } : {}),
  });
  server.on('request', (req, res) => {
    runtime
      .handle(req, res)
      .then((handled) => {
        if (!handled) res.writeHead(404).end();
      })
      .catch((err: Error) => res.writeHead(500).end(err.message));
  });
  await runtime.start();
  return {
    app,
    runtime,
    baseUrl,
    async close() {
      await runtime.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls an instance's status through the management API until `done` holds. */
export async function waitForStatus(
  baseUrl: string,
  instanceId: string,
  done: (status: Record<string, unknown>) => boolean,
  timeoutMs = 15_000,
  query = '',
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, unknown> | undefined;
  while (Date.now() < deadline) {
    const res = await fetch(
      `${baseUrl}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}${query}`,
    );
    if (res.status !== 404) {
      last = (await res.json()) as Record<string, unknown>;
      if (done(last)) return last;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `Instance ${instanceId} did not reach the expected state; last status: ${JSON.stringify(last)}`,
  );
}

export const isFinal = (s: Record<string, unknown>) =>
  ['Completed', 'Failed', 'Terminated'].includes(String(s.runtimeStatus));
