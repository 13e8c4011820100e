import type { AppState } from '../functions-core/invoke-function';
import type { DurableLog } from './durable-log';
import type { HistoryStore } from './history-store';
import type { HubQueue } from './hub-queue';
import type { InstanceLocks } from './instance-locks';
import type { InstanceStore } from './instance-store';
import type { ActivityMessage, ControlMessage } from './queue-messages';

/** Points where a test can interrupt the engine (e.g. kill the process between enqueue and commit). */
export interface EngineHooks {
  /** After an episode's work was enqueued, before its history is committed. */
  beforeCommit?(info: { instanceId: string; messageType: string }): void | Promise<void>;
}

export interface EngineTimings {
  /** How long a control message stays invisible; renewed at half that while its episode runs. */
  controlVisibilityMs: number;
  /** How long an activity message stays invisible; renewed at half that while the activity runs. */
  activityVisibilityMs: number;
  minIdleMs: number;
  maxIdleMs: number;
}

/** What the engine's parts share: the app, the stores, the queues, the clock. */
export interface EngineDeps {
  app: AppState;
  taskHub: string;
  history: HistoryStore;
  instances: InstanceStore;
  control: HubQueue<ControlMessage>;
  workItems: HubQueue<ActivityMessage>;
  locks: InstanceLocks;
  clock: () => Date;
  log: DurableLog;
  timings: EngineTimings;
  hooks: EngineHooks;
}
