import type { CoreLog } from '../functions-core/core-api';
import type { loadApp } from '../functions-core/load-app';
import type { AzuriteOptions } from '../azurite/start-azurite';
import type { HttpServer } from '../http/http-server';
import type { QueueTriggers } from '../queues/queue-triggers';
import type { TimerClock } from '../timers/timer-clock';
import type { TimerTriggers } from '../timers/timer-triggers';
import type { AppSettings } from './app-settings';
import type { HostJson } from './read-host-json';

export type LoadedApp = Awaited<ReturnType<typeof loadApp>>;

/** Where storage comes from: a given connection string, or an Azurite the host starts (and stops). */
export type StorageOption = { connectionString: string } | { azurite: Partial<AzuriteOptions> };

export interface StartHostOptions {
  /** Folder holding host.json (default: the working directory). */
  projectRoot?: string;
  /** The app's package "main", relative to projectRoot (default dist/functions/index.js). */
  main?: string;
  /**
   * App settings (local.settings.json `Values`). `AzureWebJobsStorage` is replaced by the storage in
   * use; trigger connections and `%Name%` references are resolved here. The host does not touch
   * process.env: copy settings there in `beforeLoad` if the app reads them from the environment.
   */
  settings?: AppSettings;
  /**
   * Default: AzureWebJobsStorage from settings when it is a real connection string, else Azurite with
   * data in <projectRoot>/.data/azurite on 127.0.0.1:10000-10002.
   */
  storage?: StorageOption;
  http?: { host?: string; port?: number; maxRequestBodyBytes?: number };
  /** Names the timer status blobs `timers/<hostId>/...` (default: the project folder's name). */
  hostId?: string;
  /** Use this instead of reading <projectRoot>/host.json. */
  hostJson?: HostJson;
  clock?: TimerClock;
  /** Bound on waiting for in-flight work at stop (default 10 s). */
  shutdownTimeoutMs?: number;
  log?: CoreLog;
  /** Storage is ready, the app is not loaded yet: e.g. export settings to process.env, seed data. */
  beforeLoad?(parts: {
    connectionString: string;
    settings: AppSettings;
    hostJson: HostJson;
    log: CoreLog;
  }): void | Promise<void>;
  /**
   * The app is loaded and the parts are built, nothing listens or runs yet: mount host APIs on
   * `parts.server.mount(...)`, add input providers to `parts.app.extraInputs`, start a durable runtime.
   * May return `{ stop }`, which `stop()` awaits after the triggers and HTTP have drained.
   */
  beforeServe?(parts: HostParts): void | HostExtension | Promise<void | HostExtension>;
}

export interface HostExtension {
  stop?(): Promise<void>;
}

export interface HostParts {
  app: LoadedApp;
  /** HTTP server: `mount(prefix, handler, {stage})`, `routes()`, `url`. */
  server: HttpServer;
  timers: TimerTriggers;
  queues: QueueTriggers;
  settings: AppSettings;
  hostJson: HostJson;
  connectionString: string;
  /** Base URL, e.g. http://127.0.0.1:7071 (known before listening). */
  url: string;
  port: number;
  hostId: string;
  log: CoreLog;
}

export interface RunningHost extends HostParts {
  /** Polls a queue now (storage queue name or Service Bus entity name). */
  nudgeQueue(queueName: string): void;
  /** Stops timers and queue polling, waits for in-flight work (bounded), closes HTTP, stops its Azurite. */
  stop(): Promise<void>;
}
