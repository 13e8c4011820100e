import { QueueServiceClient } from '@azure/storage-queue';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAzurite } from '../../local/azurite/start-azurite';
import { pdfInfo, pdfText } from '../../shared/adapters/chromium/testing/poppler';
import { renderJobQueueName, RenderJobRequested } from '../../shared/contracts/render-jobs';
import type { ExecutionRun } from '../../shared/contracts/run';
import type { ArtifactResource } from '../../shared/contracts/run-resources';
import {
  devToken,
  startHostOnOwnAzurite,
  storedRun,
  waitFor,
  type HostProcess,
} from '../support/host-process';

// The render job queue on the local host (`node dist/local/main.js`; run `npm run build` first): PDF renders
// of RENDER_JOB_MIN_ROWS rows or more go through the `render-jobs` queue to the host's job consumer and
// back as a Durable event; smaller ones stay in the activity. A second host without the consumer shows a
// job that never reports back failing the run with RENDER_TIMEOUT.
const minRows = 500;

interface Env {
  azurite: RunningAzurite;
  host: HostProcess;
  token: string;
}

async function startEnv(settings: Record<string, string>): Promise<Env> {
  const { azurite, host } = await startHostOnOwnAzurite({
    DEMO_SALES_ROWS: '10000',
    RENDER_JOB_MIN_ROWS: String(minRows),
    ...settings,
  });
  return { azurite, host, token: await devToken(host.url, 'renderjobs') };
}

async function stopEnv(env: Env | undefined) {
  await env?.host.kill('SIGTERM');
  await env?.azurite.stop();
}

async function api<T>(env: Env, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${env.host.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${env.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as T;
}

/** Creates a PDF + CSV report over `sql` and queues a run of it. */
async function queueReport(env: Env, sql: string): Promise<string> {
  const report = await api<{ id: string }>(env, 'POST', '/reports', {
    name: 'Job render',
    dataSource: { connectionId: 'demo', sql },
    template: {
      body: '<p>rows={{ rows | size }}</p><table>{% for r in rows %}<tr><td>{{ r.region }}</td><td>{{ r.product }}</td><td>{{ r.amount }}</td></tr>{% endfor %}</table>',
    },
    outputs: [{ format: 'pdf' }, { format: 'csv' }],
  });
  expect(report.id, JSON.stringify(report)).toBeTruthy();
  return (await api<ExecutionRun>(env, 'POST', `/reports/${report.id}/runs`)).id;
}

async function finishedRun(env: Env, runId: string): Promise<ExecutionRun> {
  return waitFor(
    'the run to finish',
    async () => {
      const run = await api<ExecutionRun>(env, 'GET', `/runs/${runId}`);
      return ['succeeded', 'failed'].includes(run.status) ? run : undefined;
    },
    240_000,
    1_000, // well inside the tenant's rate limit (100 requests a minute) over a whole file of runs
  );
}

async function downloadPdf(env: Env, runId: string): Promise<{ artifact: ArtifactResource; pdf: Buffer }> {
  const listed = await api<{ items: ArtifactResource[] }>(env, 'GET', `/artifacts?runId=${runId}&format=pdf`);
  const artifact = listed.items[0]!;
  expect(artifact, JSON.stringify(listed)).toMatchObject({ format: 'pdf', runId });
  const res = await fetch(`${env.host.url}/api/v1/artifacts/${artifact.id}/download`, {
    headers: { authorization: `Bearer ${env.token}` },
  });
  const pdf = Buffer.from(await res.arrayBuffer());
  expect(res.status, pdf.subarray(0, 500).toString()).toBe(200);
  return { artifact, pdf };
}

const runReport = async (env: Env, sql: string) => finishedRun(env, await queueReport(env, sql));

/** A Chromium started by the host process (the job's, while no PDF was rendered in-process), by process id. */
function hostChromium(env: Env): number | undefined {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const [pid, ppid, ...args] = line.trim().split(/\s+/);
    if (Number(ppid) === env.host.child.pid && /chrom/i.test(args.join(' '))) return Number(pid);
  }
  return undefined;
}

const rowsSql = (n: number) =>
  `select region, product, amount from sales order by day, region, product, amount limit ${n}`;

describe('with the local render job consumer', () => {
  let env: Env | undefined;
  beforeAll(async () => (env = await startEnv({})), 120_000);
  afterAll(() => stopEnv(env));

  it('renders a PDF above the threshold in the job; the CSV of the same run stays in-process', async () => {
    const run = await runReport(env!, rowsSql(1_200));
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.rowCount).toBe(1_200);
    const jobWorker = `render-job:local:${env!.host.child.pid}`;
    expect(run.steps.find((s) => s.name === 'render:pdf')).toMatchObject({
      status: 'succeeded',
      workerId: jobWorker,
    });
    const csvStep = run.steps.find((s) => s.name === 'render:csv');
    expect(csvStep).toMatchObject({ status: 'succeeded' });
    expect(csvStep?.workerId).toBe(run.workerId);
    expect(csvStep?.workerId).not.toBe(jobWorker);

    const { artifact, pdf } = await downloadPdf(env!, run.id);
    expect(pdfInfo(pdf).pages).toBe(artifact.pages);
    expect(artifact.pages).toBeGreaterThan(5);
    expect(pdfText(pdf, 1)).toContain('rows=1200');
  }, 300_000);

  it('a job whose browser is killed mid-render fails the attempt; the queue delivers it again and it succeeds', async () => {
    // Before any in-process PDF: the only Chromium under the host is the job's. 10,000 rows print for seconds.
    const runId = await queueReport(env!, rowsSql(10_000));
    const killed = await waitFor(
      'the job to be rendering',
      async () => {
        const current = await storedRun(env!.azurite.connectionString, 'renderjobs', runId);
        const rendering = (current?.steps ?? []).some(
          (s) => s.name === 'render:pdf' && s.status === 'running',
        );
        const pid = rendering ? hostChromium(env!) : undefined;
        if (pid !== undefined) process.kill(pid, 'SIGKILL');
        return pid;
      },
      120_000,
      20,
    );
    const run = await finishedRun(env!, runId);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    const step = run.steps.find((s) => s.name === 'render:pdf');
    expect(step).toMatchObject({ status: 'succeeded', workerId: `render-job:local:${env!.host.child.pid}` });
    expect(step?.attempts).toBeGreaterThanOrEqual(2);
    expect(hostChromium(env!)).not.toBe(killed);
    const { artifact, pdf } = await downloadPdf(env!, run.id);
    expect(pdfInfo(pdf).pages).toBe(artifact.pages);
    expect(pdfText(pdf, 1)).toContain('rows=10000');
  }, 400_000);

  it('renders a PDF below the threshold in the activity', async () => {
    const run = await runReport(env!, rowsSql(minRows - 1));
    expect(run.status).toBe('succeeded');
    const step = run.steps.find((s) => s.name === 'render:pdf');
    expect(step).toMatchObject({ status: 'succeeded' });
    expect(step?.workerId).toBe(run.workerId);
    expect(step?.workerId).not.toMatch(/^render-job:/);
    const { artifact, pdf } = await downloadPdf(env!, run.id);
    expect(pdfInfo(pdf).pages).toBe(artifact.pages);
    expect(pdfText(pdf, 1)).toContain(`rows=${minRows - 1}`);
  }, 300_000);
});

describe('without a render job consumer', () => {
  let env: Env | undefined;
  beforeAll(
    async () => (env = await startEnv({ RENDER_JOB_CONSUMER: 'false', RENDER_JOB_TIMEOUT_SECONDS: '3' })),
    120_000,
  );
  afterAll(() => stopEnv(env));

  it('fails the run with RENDER_TIMEOUT once the job has not reported back in time', async () => {
    const run = await runReport(env!, rowsSql(1_000));
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'RENDER_TIMEOUT' });
    expect(run.error?.message).toContain('3 s');
    expect(run.error?.suggestedFix).toBeTruthy();
    expect(run.steps.find((s) => s.name === 'render:pdf')).toBeUndefined(); // nothing rendered it

    // The request is still on the queue, for a job that never came.
    const queue = QueueServiceClient.fromConnectionString(env!.azurite.connectionString).getQueueClient(
      renderJobQueueName,
    );
    const peeked = await queue.peekMessages({ numberOfMessages: 32 });
    const requests = peeked.peekedMessageItems.map((m) =>
      RenderJobRequested.parse(
        (JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { body: unknown }).body,
      ),
    );
    expect(requests).toEqual([expect.objectContaining({ runId: run.id, format: 'pdf' })]);
  }, 300_000);
});
