import { createRequire } from 'node:module';
import type * as AzureMonitor from '@azure/monitor-opentelemetry';
import { metrics } from '@opentelemetry/api';
import type { Metrics } from '../../shared/adapters/observability/create-metrics';
import { mirrorToOpenTelemetry } from '../../shared/adapters/observability/mirror-to-open-telemetry';
import { readTelemetrySettings } from '../../shared/config/telemetry-settings';

const requireModule = createRequire(__filename);

/**
 * OpenTelemetry to Application Insights, when APPLICATIONINSIGHTS_CONNECTION_STRING is set: HTTP, pg,
 * Redis and Azure SDK spans, logs, and the service metrics. `@azure/monitor-opentelemetry` 1.18.1 (the
 * last release whose engines allow Node 20) takes seconds to load, so it is required only then: the local
 * host and the tests without the setting never load it. Returns whether telemetry was started.
 */
export function startTelemetry(): boolean {
  const settings = readTelemetrySettings();
  const connectionString = settings.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (!connectionString) return false;
  const monitor = requireModule('@azure/monitor-opentelemetry') as typeof AzureMonitor;
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    // Ratio sampling (all of it) rather than the default 5 traces/s limiter, which drops a burst's first spans.
    samplingRatio: 1,
    tracesPerSecond: 0,
    instrumentationOptions: {
      http: { enabled: true },
      postgreSql: { enabled: true },
      redis4: { enabled: true },
    },
  });
  return true;
}

/** Once the metrics exist (the composition root), mirror them into the exporter when it runs. */
export function exportMetrics(registry: Metrics, started: boolean): void {
  if (started) mirrorToOpenTelemetry(registry, metrics.getMeter('report-scheduler'));
}

/** Whether the settings ask for Application Insights (startTelemetry then started the exporter). */
export function telemetryEnabled(): boolean {
  return readTelemetrySettings().APPLICATIONINSIGHTS_CONNECTION_STRING !== undefined;
}
