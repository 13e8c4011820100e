import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningAzurite } from '../../local/azurite/start-azurite';
import { pdfInfo } from '../../shared/adapters/chromium/testing/poppler';
import type { ExecutionRun } from '../../shared/contracts/run';
import type { ArtifactResource } from '../../shared/contracts/run-resources';
import {
  devToken,
  startHostOnOwnAzurite,
  storedRun,
  waitFor,
  type HostProcess,
} from '../support/host-process';

// Chromium killed (SIGKILL) while the renderArtifact activity prints a PDF, on the local host through its
// Durable engine: the activity fails with RENDER_FAILED, the retry policy runs it again on a relaunched
// browser, and the run succeeds with the retry visible on its step.
let azurite: RunningAzurite;
let host: HostProcess;
let token: string;

beforeAll(async () => {
  ({ azurite, host } = await startHostOnOwnAzurite({
    DEMO_SALES_ROWS: '10000',
  }));
  token = await devToken(host.url, 'pdfcrash');
}, 120_000);

afterAll(async () => {
  await host?.kill('SIGTERM');
  await azurite?.stop();
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${host.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as T;
}

/** The host's Chromium (its direct child; the renderer starts it on the first PDF), by process id. */
function hostChromium(): number | undefined {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const [pid, ppid, ...args] = line.trim().split(/\s+/);
    if (Number(ppid) === host.child.pid && /chrom/i.test(args.join(' '))) return Number(pid);
  }
  return undefined;
}

it('a browser killed mid-render: the activity is retried and the run succeeds', async () => {
  // 10,000 rows in one table: several seconds of printing, so the kill lands inside the render.
  const report = await api<{ id: string }>('POST', '/reports', {
    name: 'Big PDF',
    dataSource: { connectionId: 'demo', sql: 'select * from sales order by day, region, product' },
    template: {
      body: '<table>{% for r in rows %}<tr><td>{{ r.day }}</td><td>{{ r.region }}</td><td>{{ r.product }}</td><td>{{ r.amount }}</td></tr>{% endfor %}</table>',
    },
    outputs: [{ format: 'pdf' }],
  });
  expect(report.id, JSON.stringify(report)).toBeTruthy();
  const queued = await api<ExecutionRun>('POST', `/reports/${report.id}/runs`);
  const killed = await waitFor(
    'the render to start Chromium',
    async () => {
      const run = await storedRun(azurite.connectionString, 'pdfcrash', queued.id);
      const rendering = run?.steps.some((s) => s.name === 'render:pdf' && s.status === 'running');
      const pid = rendering ? hostChromium() : undefined;
      if (pid === undefined) return undefined;
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    120_000,
    20,
  );

  const done = await waitFor(
    'the run to finish',
    async () => {
      const run = await api<ExecutionRun>('GET', `/runs/${queued.id}`);
      return ['succeeded', 'failed'].includes(run.status) ? run : undefined;
    },
    240_000,
    1_000, // inside the tenant's API rate limit
  );
  expect(done.error).toBeNull();
  expect(done.status).toBe('succeeded');
  const step = done.steps.find((s) => s.name === 'render:pdf');
  expect(step).toMatchObject({ status: 'succeeded' });
  expect(step?.attempts).toBeGreaterThanOrEqual(2);
  expect(done.attempt).toBe(1); // the activity was retried, not the run
  const relaunched = hostChromium();
  expect(relaunched).toBeDefined();
  expect(relaunched).not.toBe(killed);

  const listed = await api<{ items: ArtifactResource[] }>('GET', `/artifacts?runId=${done.id}`);
  const artifact = listed.items[0]!;
  const res = await fetch(`${host.url}/api/v1/artifacts/${artifact.id}/download`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const pdf = Buffer.from(await res.arrayBuffer());
  expect(pdfInfo(pdf).pages).toBe(artifact.pages);
  expect(artifact.pages).toBeGreaterThan(100);
}, 400_000);
