import path from 'node:path';
import type { CoreLog } from '../functions-core/core-api';
import { loadApp } from '../functions-core/load-app';
import { runAppHooks } from '../functions-core/invoke-function';
import { freePort, type RunningAzurite } from '../azurite/start-azurite';
import { createHttpServer } from '../http/http-server';
import { createQueueTriggers } from '../queues/queue-triggers';
import { createBlobScheduleStatusStore } from '../timers/schedule-status-store';
import { createTimerTriggers } from '../timers/timer-triggers';
import type { AppSettings } from './app-settings';
import { consoleLog, enabledFunctions, resolveStorage } from './host-setup';
import type { HostExtension, HostParts, RunningHost, StartHostOptions } from './host-types';
import { readHostJson } from './read-host-json';

export type { HostExtension, HostParts, RunningHost, StartHostOptions } from './host-types';

/**
 * Starts the local Functions host: storage (Azurite, unless a connection string is given), the app's
 * registrations, the HTTP server, timer and queue triggers. `stop()` shuts it all down gracefully.
 */
export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  const root = path.resolve(options.projectRoot ?? process.cwd());
  const log: CoreLog = options.log ?? consoleLog;
  const given: AppSettings = options.settings ?? {};
  const hostJson = options.hostJson ?? readHostJson(root, given);
  const hostId =
    options.hostId ??
    path
      .basename(root)
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 32);
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;

  let azurite: RunningAzurite | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const storage = await resolveStorage(root, options.storage, given.AzureWebJobsStorage);
    azurite = storage.azurite;
    if (azurite) cleanups.unshift(() => azurite!.stop());
    const connectionString = storage.connectionString;
    const settings: AppSettings = { ...given, AzureWebJobsStorage: connectionString };
    await options.beforeLoad?.({ connectionString, settings, hostJson, log });

    const main = path.resolve(root, options.main ?? 'dist/functions/index.js');
    const app = await loadApp(main, log);
    const functions = enabledFunctions(app.registry.all(), settings, log);
    const byType = (...types: string[]) =>
      functions.filter((f) => types.includes(f.trigger.type.toLowerCase()));

    const httpHost = options.http?.host ?? '127.0.0.1';
    const port = options.http?.port || (await freePort(httpHost));
    const server = createHttpServer({
      app,
      functions: byType('httptrigger'),
      host: httpHost,
      port,
      routePrefix: hostJson.http.routePrefix,
      log,
      ...(options.http?.maxRequestBodyBytes !== undefined
        ? { maxRequestBodyBytes: options.http.maxRequestBodyBytes }
        : {}),
    });
    cleanups.unshift(() => server.close(1000));
    const timers = createTimerTriggers({
      app,
      functions: byType('timertrigger'),
      store: createBlobScheduleStatusStore({ connectionString, hostId }),
      settings,
      log,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const queues = createQueueTriggers({
      app,
      functions: byType('queuetrigger', 'servicebustrigger'),
      settings,
      queues: hostJson.queues,
      serviceBusMaxConcurrentCalls: hostJson.serviceBus.maxConcurrentCalls,
      log,
    });
    const url = server.url;
    const parts: HostParts = {
      app,
      server,
      timers,
      queues,
      settings,
      hostJson,
      connectionString,
      url,
      port,
      hostId,
      log,
    };

    const extension: HostExtension | void = await options.beforeServe?.(parts);
    if (extension?.stop) cleanups.unshift(() => extension.stop!());
    await server.listen();
    cleanups.unshift(
      () => timers.stop(1000),
      () => queues.stop(1000),
    );
    await timers.start();
    await queues.start();
    log(
      'information',
      'system',
      `Local host ready at ${url} (${functions.length} functions, storage ${azurite ? 'Azurite' : 'given'})`,
    );

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        log('information', 'system', 'Local host stopping');
        const results = await Promise.all([
          timers.stop(shutdownTimeoutMs),
          queues.stop(shutdownTimeoutMs),
          server.close(shutdownTimeoutMs),
        ]);
        if (!results[0] || !results[1])
          log('warning', 'system', `Some invocations were still running after ${shutdownTimeoutMs} ms.`);
        await extension?.stop?.();
        await runAppHooks(app, 'appTerminate', path.dirname(main)).catch((err: Error) =>
          log('error', 'system', `appTerminate hook failed: ${err.message}`),
        );
        await azurite?.stop();
        log('information', 'system', 'Local host stopped');
      })());
    return { ...parts, nudgeQueue: (name: string) => queues.nudge(name), stop };
  } catch (err) {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    throw err;
  }
}
