import type { Attributes, Meter } from '@opentelemetry/api';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Metrics } from './create-metrics';

type Labels = Record<string, string | number>;

/** prom-client's `inc` / `observe` arguments: `(labels?, value?)` or `(value?)`. */
function split(args: unknown[], fallback: number | undefined): [Attributes, number | undefined] {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) return [first as Labels, (second as number) ?? fallback];
  return [{}, (first as number | undefined) ?? fallback];
}

/**
 * Records every service metric through the OpenTelemetry metrics API as well, under the same name and
 * labels, so the Azure Monitor exporter sends them to `customMetrics` (AppMetrics): counters and
 * histograms are mirrored at each `inc` / `observe`, gauges are read from the Prometheus gauge at each
 * export. Called only when telemetry is exported (the meter is the SDK's); GET /api/metrics is unchanged.
 */
export function mirrorToOpenTelemetry(metrics: Metrics, meter: Meter): void {
  for (const metric of Object.values(metrics)) {
    if (metric instanceof Counter) {
      const { name, help } = metric as unknown as { name: string; help: string };
      const counter = meter.createCounter(name, { description: help });
      const inc = metric.inc.bind(metric) as (...args: unknown[]) => void;
      (metric as { inc: (...args: unknown[]) => void }).inc = (...args) => {
        inc(...args);
        const [labels, value] = split(args, 1);
        counter.add(value ?? 1, labels);
      };
    } else if (metric instanceof Histogram) {
      const { name, help } = metric as unknown as { name: string; help: string };
      const histogram = meter.createHistogram(name, { description: help });
      const observe = metric.observe.bind(metric) as (...args: unknown[]) => void;
      (metric as { observe: (...args: unknown[]) => void }).observe = (...args) => {
        observe(...args);
        const [labels, value] = split(args, undefined);
        if (value !== undefined) histogram.record(value, labels);
      };
    } else if (metric instanceof Gauge) {
      const { name, help } = metric as unknown as { name: string; help: string };
      const gauge = meter.createObservableGauge(name, { description: help });
      gauge.addCallback(async (result) => {
        for (const sample of (await metric.get()).values) result.observe(sample.value, sample.labels);
      });
    }
  }
}
