import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const BYTES = [1e3, 1e4, 1e5, 1e6, 5e6, 1e7, 5e7, 1e8];

/**
 * What the gauges read at each scrape (GET /api/metrics, and each OpenTelemetry export): a probe that
 * fails or hangs leaves its gauge at the last value read — a scrape never fails because of one.
 */
export interface MetricProbes {
  /** Messages waiting per queue (the MessageBus port's depth). */
  queueDepths?: () => Promise<ReadonlyArray<readonly [queue: string, depth: number]>>;
  /** Bytes Redis uses (INFO memory used_memory). */
  redisMemoryBytes?: () => Promise<number | null>;
  /** Connections in use / pool size over the open tenant database pools; null while none is open. */
  databasePoolUsage?: () => number | null;
}

const PROBE_TIMEOUT_MS = 2_000;

async function readProbe<T>(probe: (() => Promise<T>) | undefined): Promise<T | undefined> {
  if (!probe) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe(), timeout]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The service metrics, created once on their own registry (never the global one), so each host —
 * and each test — has its own set.
 */
export function createMetrics(
  options: { defaultMetrics?: boolean; prefix?: string; probes?: MetricProbes } = {},
) {
  const probes = options.probes ?? {};
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: options.prefix ?? '' });
  const metrics = {
    registry,
    // Scheduler
    schedulerScanDuration: new Histogram({
      name: 'scheduler_scan_duration_seconds',
      help: 'Time to scan for due schedules',
      buckets: SECONDS,
      registers,
    }),
    schedulerNextFireLag: new Histogram({
      name: 'scheduler_next_fire_lag_seconds',
      help: 'Actual trigger time minus intended time',
      buckets: SECONDS,
      registers,
    }),
    schedulesEvaluated: new Counter({
      name: 'schedules_evaluated_total',
      help: 'Schedules checked by the sweep',
      registers,
    }),
    schedulesTriggered: new Counter({
      name: 'schedules_triggered_total',
      help: 'Schedules that fired',
      registers,
    }),
    // Execution
    reportGenerationDuration: new Histogram({
      name: 'report_generation_duration_seconds',
      help: 'Time to generate a report',
      labelNames: ['report_type', 'status'] as const,
      buckets: SECONDS,
      registers,
    }),
    executionFailures: new Counter({
      name: 'execution_failures_total',
      help: 'Execution failures by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    conditionsEvaluated: new Counter({
      name: 'schedule_conditions_evaluated_total',
      help: 'Schedule conditions evaluated after extract, by result (send, skip, error)',
      labelNames: ['result'] as const,
      registers,
    }),
    artifactSize: new Histogram({
      name: 'artifact_size_bytes',
      help: 'Generated artifact sizes',
      labelNames: ['format'] as const,
      buckets: BYTES,
      registers,
    }),
    concurrentExecutions: new Gauge({
      name: 'concurrent_executions',
      help: 'Active report executions',
      registers,
    }),
    // Delivery
    deliveryLatency: new Histogram({
      name: 'delivery_latency_seconds',
      help: 'Time from artifact ready to sent',
      labelNames: ['channel'] as const,
      buckets: SECONDS,
      registers,
    }),
    deliveryAttempts: new Counter({
      name: 'delivery_attempts_total',
      help: 'Delivery attempts by channel and outcome',
      labelNames: ['channel', 'status'] as const,
      registers,
    }),
    emailBounceRate: new Gauge({
      name: 'email_bounce_rate',
      help: 'Share of bounced emails (0-1)',
      registers,
    }),
    // Infrastructure
    databaseConnectionPoolUsage: new Gauge({
      name: 'database_connection_pool_usage',
      help: 'Active connections / pool size',
      registers,
      collect() {
        const usage = probes.databasePoolUsage?.();
        if (usage !== undefined && usage !== null) this.set(usage);
      },
    }),
    serviceBusQueueDepth: new Gauge({
      name: 'service_bus_queue_depth',
      help: 'Messages waiting',
      labelNames: ['queue'] as const,
      registers,
      async collect() {
        for (const [queue, depth] of (await readProbe(probes.queueDepths)) ?? []) this.set({ queue }, depth);
      },
    }),
    redisMemoryUsage: new Gauge({
      name: 'redis_memory_usage_bytes',
      help: 'Redis memory consumption',
      registers,
      async collect() {
        const bytes = await readProbe(probes.redisMemoryBytes);
        if (bytes !== undefined && bytes !== null) this.set(bytes);
      },
    }),
    apiRequestDuration: new Histogram({
      name: 'api_request_duration_seconds',
      help: 'API latency',
      labelNames: ['endpoint', 'method', 'status'] as const,
      buckets: SECONDS,
      registers,
    }),
  };
  const emails = { sent: 0, bounced: 0 };
  return {
    ...metrics,
    /** One email settled: the bounce rate is bounced / (accepted + bounced) since this process started. */
    recordEmailOutcome(bounced: boolean) {
      if (bounced) emails.bounced++;
      else emails.sent++;
      metrics.emailBounceRate.set(emails.bounced / (emails.sent + emails.bounced));
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
