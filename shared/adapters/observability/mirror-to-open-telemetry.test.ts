import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './create-metrics';
import { mirrorToOpenTelemetry } from './mirror-to-open-telemetry';

describe('the spec metrics through the OpenTelemetry API', () => {
  it('exports counters, histograms (startTimer too) and gauges under their Prometheus names and labels', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const provider = new MeterProvider({ readers: [reader] });
    const metrics = createMetrics();
    mirrorToOpenTelemetry(metrics, provider.getMeter('test'));

    metrics.executionFailures.inc({ reason: 'QUERY_FAILED' });
    metrics.schedulesTriggered.inc(3);
    metrics.artifactSize.observe({ format: 'csv' }, 2048);
    metrics.schedulerScanDuration.startTimer()();
    metrics.concurrentExecutions.inc();
    await reader.forceFlush();

    const exported = exporter
      .getMetrics()
      .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics))
      .map((m) => ({ name: m.descriptor.name, points: m.dataPoints }));
    const byName = Object.fromEntries(exported.map((m) => [m.name, m.points]));
    expect(byName.execution_failures_total?.[0]).toMatchObject({
      attributes: { reason: 'QUERY_FAILED' },
      value: 1,
    });
    expect(byName.schedules_triggered_total?.[0]?.value).toBe(3);
    expect(byName.artifact_size_bytes?.[0]).toMatchObject({
      attributes: { format: 'csv' },
      value: { count: 1, sum: 2048 },
    });
    expect(byName.scheduler_scan_duration_seconds?.[0]?.value).toMatchObject({ count: 1 });
    expect(byName.concurrent_executions?.[0]?.value).toBe(1);
    // The Prometheus side still counts as before.
    expect(await metrics.registry.metrics()).toContain('execution_failures_total{reason="QUERY_FAILED"} 1');
    await provider.shutdown();
  });
});
