import { startTestHost } from './test-host';

/**
 * The engine process of crash-resume.test.ts: starts the test host from CRASH_CONFIG, prints its URL,
 * and kills itself with SIGKILL just before it commits the episode `killOn` names.
 */
interface CrashConfig {
  main: string;
  connectionString: string;
  taskHub: string;
  killOn?: { instanceId: string; messageType: string };
}

const config = JSON.parse(process.env.CRASH_CONFIG!) as CrashConfig;
const kill = config.killOn;
startTestHost({
  main: config.main,
  connectionString: config.connectionString,
  taskHub: config.taskHub,
  timings: { controlVisibilityMs: 2000, activityVisibilityMs: 2000, minIdleMs: 20, maxIdleMs: 200 },
  hooks: kill
    ? {
        beforeCommit: (info) => {
          if (info.instanceId === kill.instanceId && info.messageType === kill.messageType)
            process.kill(process.pid, 'SIGKILL');
        },
      }
    : {},
}).then(
  (host) => console.log(JSON.stringify({ baseUrl: host.baseUrl })),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
