import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAzurite } from '../../local/azurite/start-azurite';
import { devToken, startHostOnOwnAzurite, waitFor, type HostProcess } from '../support/host-process';

// Every metric read back from GET /api/metrics of the local host (`node dist/local/main.js`, run
// `npm run build` first) after what records it happened for real: a report run on the PostgreSQL on this
// machine, a failing run, a schedule fired by the sweep with an email target (the host's SMTP catcher),
// Redis for the rate limits, Storage queues for the bus.
const metricsToken = 'e2e-metrics-token-0123456789';
const tenant = 'metrics';
let azurite: RunningAzurite;
let host: HostProcess;
let token: string;

beforeAll(async () => {
  ({ azurite, host } = await startHostOnOwnAzurite({
    METRICS_TOKEN: metricsToken,
    REDIS_URL: 'redis://127.0.0.1:6379',
    OUTBOUND_ALLOWLIST: '127.0.0.1:5432',
  }));
  token = await devToken(host.url, tenant);
}, 120_000);

afterAll(async () => {
  await host?.kill('SIGTERM');
  await azurite?.stop();
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${host.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of the Prometheus text exposition format. */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(): Promise<Sample[]> {
  const res = await fetch(`${host.url}/api/metrics`, {
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  expect(res.status).toBe(200);
  return parseSamples(await res.text());
}

const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

async function runNow(reportId: string): Promise<Record<string, unknown>> {
  const queued = await api('POST', `/reports/${reportId}/runs`);
  expect(queued.status, JSON.stringify(queued.json)).toBe(202);
  return waitFor(
    `run ${String(queued.json.id)} to end`,
    async () => {
      const got = await api('GET', `/runs/${String(queued.json.id)}`);
      return ['succeeded', 'failed'].includes(got.json.status as string) ? got.json : undefined;
    },
    120_000,
  );
}

describe('GET /api/metrics on the local host', () => {
  it('is refused without the metrics token', async () => {
    expect((await fetch(`${host.url}/api/metrics`)).status).toBe(401);
    const wrong = await fetch(`${host.url}/api/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('has a sample of every service metric after a run, a failed run and a scheduled fire', async () => {
    const source = await api('POST', '/data-sources', {
      type: 'postgres',
      name: 'Local PostgreSQL',
      config: { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', ssl: 'disable' },
    });
    expect(source.status, JSON.stringify(source.json)).toBe(201);
    const report = await api('POST', '/reports', {
      name: 'Metrics',
      dataSource: { connectionId: source.json.id, sql: 'select g as n from generate_series(1, 50) g' },
      template: { body: '<p>{{ rows | size }}</p>' },
      outputs: [{ format: 'csv' }, { format: 'json' }],
    });
    expect(report.status, JSON.stringify(report.json)).toBe(201);
    const broken = await api('POST', '/reports', {
      name: 'Broken',
      dataSource: { connectionId: source.json.id, sql: 'select * from no_such_table_for_metrics' },
      template: { body: '<p></p>' },
      outputs: [{ format: 'csv' }],
    });
    expect(broken.status, JSON.stringify(broken.json)).toBe(201);

    expect((await runNow(report.json.id as string)).status).toBe('succeeded');
    const failed = await runNow(broken.json.id as string);
    expect(failed.status).toBe('failed');

    const target = await api('POST', '/delivery-targets', {
      type: 'email',
      name: 'Ops',
      config: { recipients: ['ops@example.test'] },
    });
    expect(target.status, JSON.stringify(target.json)).toBe(201);
    const schedule = await api('POST', '/schedules', {
      reportId: report.json.id,
      // A one-off 10 s ahead rather than `* * * * *`: the sweep (every 10 s) fires it the same way, and
      // the test no longer idles up to a minute for the next minute boundary. 10 s, not less: the API
      // refuses a one-off in the past, and a loaded CI runner may take seconds to answer the POST.
      kind: 'once',
      at: new Date(Date.now() + 10_000).toISOString().slice(0, 19) + 'Z',
      timezone: 'UTC',
      deliveryTargetIds: [target.json.id],
    });
    expect(schedule.status, JSON.stringify(schedule.json)).toBe(201);

    // The sweep fires the schedule at its instant; its run delivers the email.
    const samples = await waitFor(
      'a scheduled fire, its run and its email',
      async () => {
        const all = await scrape();
        const lag = find(all, 'scheduler_next_fire_lag_seconds_count')[0]?.value ?? 0;
        const sent =
          find(all, 'delivery_attempts_total', { channel: 'email', status: 'sent' })[0]?.value ?? 0;
        return lag >= 1 && sent >= 1 ? all : undefined;
      },
      150_000,
      1_000,
    );

    // Scheduler
    expect(find(samples, 'scheduler_scan_duration_seconds_count')[0]!.value).toBeGreaterThanOrEqual(1);
    const lagSum = find(samples, 'scheduler_next_fire_lag_seconds_sum')[0]!.value;
    expect(lagSum).toBeGreaterThanOrEqual(0);
    expect(lagSum).toBeLessThan(60);
    expect(find(samples, 'schedules_evaluated_total')[0]!.value).toBeGreaterThanOrEqual(1);
    expect(find(samples, 'schedules_triggered_total')[0]!.value).toBeGreaterThanOrEqual(1);
    // Execution
    const generated = find(samples, 'report_generation_duration_seconds_count', {
      report_type: 'csv+json',
      status: 'succeeded',
    });
    expect(generated[0]!.value).toBeGreaterThanOrEqual(2);
    expect(
      find(samples, 'report_generation_duration_seconds_count', { report_type: 'csv', status: 'failed' })[0]!
        .value,
    ).toBe(1);
    expect(find(samples, 'execution_failures_total', { reason: 'QUERY_FAILED' })[0]!.value).toBe(1);
    for (const format of ['csv', 'json']) {
      expect(find(samples, 'artifact_size_bytes_count', { format })[0]!.value).toBeGreaterThanOrEqual(2);
      expect(find(samples, 'artifact_size_bytes_sum', { format })[0]!.value).toBeGreaterThan(0);
    }
    // Every run has ended: as many counted down as up.
    expect(find(samples, 'concurrent_executions')).toEqual([
      { name: 'concurrent_executions', labels: {}, value: 0 },
    ]);
    // Delivery
    expect(
      find(samples, 'delivery_latency_seconds_count', { channel: 'email' })[0]!.value,
    ).toBeGreaterThanOrEqual(1);
    expect(find(samples, 'email_bounce_rate')).toEqual([{ name: 'email_bounce_rate', labels: {}, value: 0 }]);
    // Infrastructure
    const pool = find(samples, 'database_connection_pool_usage')[0]!.value;
    expect(pool).toBeGreaterThanOrEqual(0);
    expect(pool).toBeLessThanOrEqual(1);
    for (const queue of [
      'execution-requests',
      'render-jobs',
      'render-completions',
      'delivery-redrives',
      'subscription-events',
    ])
      expect(find(samples, 'service_bus_queue_depth', { queue })[0]?.value, queue).toBeGreaterThanOrEqual(0);
    expect(find(samples, 'redis_memory_usage_bytes')[0]!.value).toBeGreaterThan(100_000);
    const api202 = find(samples, 'api_request_duration_seconds_count', { method: 'POST', status: '202' });
    expect(api202.length).toBeGreaterThan(0);
    expect(
      api202.every((s) => s.labels.endpoint && !s.labels.endpoint.includes(String(report.json.id))),
    ).toBe(true);
  }, 300_000);
});
