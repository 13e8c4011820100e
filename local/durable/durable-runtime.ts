import type { IncomingMessage, ServerResponse } from 'node:http';
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import type { AppState } from '../functions-core/invoke-function';
import { createActivityProcessor } from './activity-processor';
import { registerClientBinding } from './client-binding';
import type { DurableLog } from './durable-log';
import type { EngineDeps, EngineHooks, EngineTimings } from './engine-deps';
import { createHistoryStore } from './history-store';
import { createHubQueue } from './hub-queue';
import { createInstanceCommands } from './instance-commands';
import { createInstanceLocks } from './instance-locks';
import { createInstanceStore } from './instance-store';
import { createManagementApi } from './management-api';
import { createOrchestrationProcessor } from './orchestration-processor';
import { activityMessage, controlMessage } from './queue-messages';
import { createQueuePoller, type QueuePoller } from './queue-poller';

export interface DurableRuntimeOptions {
  /** The loaded app whose orchestrations and activities run here. */
  app: AppState;
  /** Storage connection string (Azurite locally). */
  connectionString: string;
  /** Task hub name: 3–45 letters and digits, starting with a letter. */
  taskHub: string;
  /** The host's base URL (e.g. http://127.0.0.1:7071): the management API lives under it. */
  baseUrl: string;
  log: DurableLog;
  clock?: () => Date;
  timings?: Partial<EngineTimings>;
  /** Episodes / activities handled at once. */
  concurrency?: { orchestrations?: number; activities?: number };
  /** How long `stop()` waits for work in flight. */
  stopTimeoutMs?: number;
  hooks?: EngineHooks;
}

export interface DurableRuntime {
  readonly taskHub: string;
  /** Serves the Durable HTTP API under /runtime/webhooks/durabletask; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Creates the task hub's tables and queues, recovers lost starts, starts dequeuing. */
  start(): Promise<void>;
  /** Stops dequeuing and waits (bounded) for episodes and activities in flight. */
  stop(): Promise<void>;
}

/** Short visibility, renewed while work runs: work cut off by a crash reappears within seconds. */
const defaultTimings: EngineTimings = {
  controlVisibilityMs: 15_000,
  activityVisibilityMs: 15_000,
  minIdleMs: 50,
  maxIdleMs: 1_000,
};

/**
 * The local Durable engine: the orchestrations and activities registered by the app run here,
 * with their state in Table storage and their work on Storage queues, laid out like the Durable
 * Azure Storage provider:
 * - tables `{hub}Instances` (one row per instance), `{hub}History` (one row per event, partition =
 *   instance), `{hub}Payloads` (message bodies too large for a queue message);
 * - queues `{hub}-control-00` (orchestration messages) and `{hub}-workitems` (activity executions).
 */
export function createDurableRuntime(options: DurableRuntimeOptions): DurableRuntime {
  const { taskHub, connectionString, log } = options;
  if (!/^[A-Za-z][A-Za-z0-9]{2,44}$/.test(taskHub)) {
    throw new Error(
      `Task hub name '${taskHub}' is invalid: use 3–45 letters and digits, starting with a letter.`,
    );
  }
  const tableOptions = { allowInsecureConnection: connectionString.includes('http://') };
  const table = (suffix: string) =>
    TableClient.fromConnectionString(connectionString, `${taskHub}${suffix}`, tableOptions);
  const instancesTable = table('Instances');
  const historyTable = table('History');
  const payloadsTable = table('Payloads');
  const queueName = (suffix: string) => `${taskHub.toLowerCase()}-${suffix}`;
  let controlPoller: QueuePoller | undefined;
  let activityPoller: QueuePoller | undefined;

  const deps: EngineDeps = {
    app: options.app,
    taskHub,
    history: createHistoryStore(historyTable),
    instances: createInstanceStore(instancesTable),
    control: createHubQueue({
      queue: new QueueClient(connectionString, queueName('control-00')),
      payloads: payloadsTable,
      schema: controlMessage,
      log,
      onSent: (delayMs) => controlPoller?.poke(delayMs),
    }),
    workItems: createHubQueue({
      queue: new QueueClient(connectionString, queueName('workitems')),
      payloads: payloadsTable,
      schema: activityMessage,
      log,
      onSent: (delayMs) => activityPoller?.poke(delayMs),
    }),
    locks: createInstanceLocks(),
    clock: options.clock ?? (() => new Date()),
    log,
    timings: { ...defaultTimings, ...options.timings },
    hooks: options.hooks ?? {},
  };
  const commands = createInstanceCommands(deps);
  const api = createManagementApi(deps, commands, options.baseUrl);
  const orchestrations = createOrchestrationProcessor(deps);
  const activities = createActivityProcessor(deps);
  registerClientBinding(options.app, options.baseUrl, taskHub);

  const pollerTimings = { minIdleMs: deps.timings.minIdleMs, maxIdleMs: deps.timings.maxIdleMs, log };
  return {
    taskHub,
    handle: api.handle,
    async start() {
      await Promise.all([
        instancesTable.createTable(),
        historyTable.createTable(),
        payloadsTable.createTable(),
      ]);
      await Promise.all([deps.control.create(), deps.workItems.create()]);
      const recovered = await commands.recoverPending();
      if (recovered > 0) log('information', `Re-sent the start of ${recovered} pending orchestration(s).`);
      controlPoller = createQueuePoller({
        name: 'durable control queue',
        concurrency: options.concurrency?.orchestrations ?? 8,
        receive: (max) => deps.control.receive(max, deps.timings.controlVisibilityMs),
        handle: orchestrations.handle,
        ...pollerTimings,
      });
      activityPoller = createQueuePoller({
        name: 'durable work-item queue',
        concurrency: options.concurrency?.activities ?? 8,
        receive: (max) => deps.workItems.receive(max, deps.timings.activityVisibilityMs),
        handle: activities.handle,
        ...pollerTimings,
      });
      controlPoller.start();
      activityPoller.start();
      log('information', `Durable task hub '${taskHub}' started.`);
    },
    async stop() {
      const timeout = options.stopTimeoutMs ?? 10_000;
      const results = await Promise.all([controlPoller?.stop(timeout), activityPoller?.stop(timeout)]);
      if (results.some((finished) => finished === false)) {
        log(
          'warning',
          `Durable task hub '${taskHub}' stopped with work still running; its messages will be redelivered.`,
        );
      }
      controlPoller = undefined;
      activityPoller = undefined;
    },
  };
}
