import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, startAzurite, type RunningAzurite } from '../../local/azurite/start-azurite';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableService } from '../../shared/adapters/table/table-service';
import type { ExecutionRun } from '../../shared/contracts/run';

export interface HostProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Waits until /api/health answers 200. */
  ready(timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The local host as a real child process (`node dist/local/main.js`), as `npm start` runs it; `env.PORT` or a free port. */
export async function startHostProcess(
  env: Record<string, string>,
  args: string[] = [],
): Promise<HostProcess> {
  // A caller that must know the URL in advance (PUBLIC_BASE_URL = the host itself) passes PORT.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [path.resolve('dist/local/main.js'), ...args], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    output: () => output,
    async ready(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`host exited with ${child.exitCode}:\n${output}`);
        const ok = await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`host not healthy within ${timeoutMs} ms:\n${output}`);
    },
    kill(signal = 'SIGKILL') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}

/**
 * The local host on an Azurite of its own (in memory, on free ports), without the demo tenant's data, healthy
 * when this returns; `env` adds to its settings. A host that never gets healthy is killed and its Azurite
 * stopped before the error is thrown.
 */
export async function startHostOnOwnAzurite(
  env: Record<string, string>,
): Promise<{ azurite: RunningAzurite; host: HostProcess }> {
  const azurite = await startAzurite({
    location: '',
    inMemory: true,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  const host = await startHostProcess({
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    SEED_DEMO: 'false',
    ...env,
  });
  try {
    await host.ready();
  } catch (error) {
    await host.kill();
    await azurite.stop();
    throw error;
  }
  return { azurite, host };
}

export async function devToken(
  url: string,
  tenantId: string,
  roles: string[] = ['tenant_admin'],
): Promise<string> {
  const res = await fetch(`${url}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId, userId: 'e2e', roles }),
  });
  if (!res.ok) throw new Error(`dev token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * A run as stored, read from Table storage rather than through the API: probes that poll every few
 * milliseconds (to land a kill inside a step) would otherwise spend the tenant's API rate limit.
 */
export async function storedRun(
  connectionString: string,
  tenantId: string,
  runId: string,
): Promise<ExecutionRun | undefined> {
  const repos = createTableRepositories(createTableService({ connectionString }));
  return (await repos.runs.get(tenantId, runId))?.doc;
}
