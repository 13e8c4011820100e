import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { testConnectionString, uniqueName } from '../../test/support/storage';

/**
 * The engine runs in a real child process (this folder transpiled on the fly, so the test never
 * depends on a stale build), is SIGKILLed, and is started again on the same task hub.
 */
const projectRoot = path.resolve(__dirname, '..', '..');

function transpileEngine(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-engine-'));
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const sources = [
    ...walk(path.join(projectRoot, 'local', 'durable')),
    ...walk(path.join(projectRoot, 'local', 'functions-core')),
  ].filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));
  for (const file of sources) {
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
      fileName: file,
    });
    const target = path.join(out, path.relative(projectRoot, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
  }
  return out;
}

const children: ChildProcess[] = [];
afterEach(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

async function startHost(
  engineDir: string,
  env: Record<string, string>,
  config: object,
): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(
    process.execPath,
    [path.join(engineDir, 'local', 'durable', 'testing', 'crash-host.js')],
    {
      env: {
        ...process.env,
        ...env,
        NODE_PATH: path.join(projectRoot, 'node_modules'),
        CRASH_CONFIG: JSON.stringify(config),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const lines = readline.createInterface({ input: child.stdout });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { baseUrl: string }).baseUrl));
    child.once('exit', (code, signal) => reject(new Error(`host exited early (${code ?? signal})`)));
  });
  return { child, baseUrl };
}

const api = (baseUrl: string, p: string) => `${baseUrl}/runtime/webhooks/durabletask/${p}`;

async function status(baseUrl: string, id: string, query = ''): Promise<Record<string, unknown>> {
  return (await (await fetch(api(baseUrl, `instances/${id}${query}`))).json()) as Record<string, unknown>;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('crash resume', () => {
  it('resumes every orchestration after the host is killed mid-episode, mid-activity and mid-timer', async () => {
    const engineDir = transpileEngine();
    const effectsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'effects-')), 'effects.log');
    fs.writeFileSync(effectsFile, '');
    const env = { EFFECTS_FILE: effectsFile };
    const config = {
      main: path.join(engineDir, 'local', 'durable', 'testing', 'crash-resume-app.js'),
      connectionString: testConnectionString(),
      taskHub: uniqueName('crash'),
    };
    const [a, b, c] = ['a', 'b', 'c'].map((p) => uniqueName(p)) as [string, string, string];
    const startOn = (baseUrl: string, id: string, input: object) =>
      fetch(api(baseUrl, `orchestrators/steps/${id}`), { method: 'POST', body: JSON.stringify(input) });

    // First run: kill itself after C's step-1 completion episode has enqueued step 2, before it commits.
    const first = await startHost(engineDir, env, {
      ...config,
      killOn: { instanceId: c, messageType: 'taskCompleted' },
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      first.child.once('exit', (_code, signal) => resolve(signal)),
    );
    expect((await startOn(first.baseUrl, b, { timerMs: 2500 })).status).toBe(202);
    await waitFor(
      async () => (await status(first.baseUrl, b)).customStatus === 'timer',
      10_000,
      'B to wait on its timer',
    );
    await startOn(first.baseUrl, a, { slowFirstMs: 1500 });
    await startOn(first.baseUrl, c, {});
    expect(await exited).toBe('SIGKILL');
    const atCrash = fs.readFileSync(effectsFile, 'utf8');
    expect(atCrash).toContain(`${a} 1 start`);
    expect(atCrash).not.toContain(`${a} 1 done`); // A was killed inside its first activity
    expect(atCrash).toContain(`${c} 1 done`);
    expect(atCrash).not.toContain(`${b} 2 start`); // B was between activities, on its timer

    // Second run, same task hub: everything completes.
    const second = await startHost(engineDir, env, config);
    const finals: Record<string, Record<string, unknown>> = {};
    await waitFor(
      async () => {
        for (const id of [a, b, c]) finals[id] = await status(second.baseUrl, id, '?showHistory=true');
        return [a, b, c].every((id) => ['Completed', 'Failed'].includes(String(finals[id]!.runtimeStatus)));
      },
      25_000,
      'all instances to finish after the restart',
    );

    const effects = fs.readFileSync(effectsFile, 'utf8').trim().split('\n');
    const count = (line: string) => effects.filter((e) => e === line).length;
    for (const id of [a, b, c]) {
      const final = finals[id]!;
      expect(final).toMatchObject({ runtimeStatus: 'Completed', output: [`1@${id}`, `2@${id}`, `3@${id}`] });
      const events = (final.historyEvents as { EventType: string }[]).map((e) => e.EventType);
      expect(events.filter((t) => t === 'ExecutionCompleted')).toHaveLength(1);
      expect(events.filter((t) => t === 'TaskCompleted')).toHaveLength(3);
      // Each activity's effect is recorded once per completed attempt.
      for (const step of [1, 2, 3]) expect(count(`${id} ${step} done`)).toBe(1);
    }
    expect(count(`${a} 1 start`)).toBe(2); // the killed attempt, then the redelivered one
    expect(count(`${c} 2 start`)).toBe(1); // the uncommitted episode's step-2 message was recognised as stale
    second.child.kill('SIGTERM');
  }, 45_000);
});
