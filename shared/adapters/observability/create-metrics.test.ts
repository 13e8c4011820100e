import { describe, expect, it } from 'vitest';
import { register as globalRegistry } from 'prom-client';
import { createMetrics } from './create-metrics';

const specNames = [
  'scheduler_scan_duration_seconds',
  'scheduler_next_fire_lag_seconds',
  'schedules_evaluated_total',
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
  it('registers the spec §12 metrics on its own registry, not the global one', async () => {
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
});
