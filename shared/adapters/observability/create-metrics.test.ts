import { describe, expect, it } from 'vitest';
import { register as globalRegistry } from 'prom-client';
import { createMetrics } from './create-metrics';

const specNames = [
  'scheduler_scan_duration_seconds',
  'scheduler_next_fire_lag_seconds',
  'schedules_evaluated_total',
  'schedule_conditions_evaluated_total',
  'schedules_triggered_total',
  'report_generation_duration_seconds',
  'execution_failures_total',
  'artifact_size_bytes',
  'concurrent_executions',
  'delivery_latency_seconds',
  'delivery_attempts_total',
  'email_bounce_rate',
  'database_connection_pool_usage',
  'service_bus_queue_depth',
  'redis_memory_usage_bytes',
  'api_request_duration_seconds',
];

describe('metrics', () => {
  it('registers the service metrics on its own registry, not the global one', async () => {
    const one = createMetrics();
    const two = createMetrics(); // a second set must not clash
    const names = (await one.registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names.sort()).toEqual([...specNames].sort());
    expect(await globalRegistry.getMetricsAsJSON()).toEqual([]);
    one.apiRequestDuration.observe({ endpoint: 'v1/runs', method: 'GET', status: '200' }, 0.05);
    const text = await one.registry.metrics();
    expect(text).toContain(
      'api_request_duration_seconds_count{endpoint="v1/runs",method="GET",status="200"} 1',
    );
    expect(await two.registry.metrics()).not.toContain('endpoint="v1/runs"');
  });

  it('reads the queue depths, Redis memory and pool usage at scrape time; a failing probe keeps the last value', async () => {
    let depth = 3;
    let failing = false;
    const metrics = createMetrics({
      probes: {
        queueDepths: () =>
          failing ? Promise.reject(new Error('bus down')) : Promise.resolve([['execution-requests', depth]]),
        redisMemoryBytes: () => Promise.resolve(1_234_567),
        databasePoolUsage: () => 0.4,
      },
    });
    let text = await metrics.registry.metrics();
    expect(text).toContain('service_bus_queue_depth{queue="execution-requests"} 3');
    expect(text).toContain('redis_memory_usage_bytes 1234567');
    expect(text).toContain('database_connection_pool_usage 0.4');
    depth = 7;
    expect(await metrics.registry.metrics()).toContain(
      'service_bus_queue_depth{queue="execution-requests"} 7',
    );
    failing = true;
    text = await metrics.registry.metrics();
    expect(text).toContain('service_bus_queue_depth{queue="execution-requests"} 7');
  });

  it('email_bounce_rate is bounced / settled emails', async () => {
    const metrics = createMetrics();
    metrics.recordEmailOutcome(false);
    metrics.recordEmailOutcome(false);
    metrics.recordEmailOutcome(false);
    metrics.recordEmailOutcome(true);
    expect(await metrics.registry.metrics()).toContain('email_bounce_rate 0.25');
  });
});
