import { z } from 'zod';

const TelemetrySettings = z.object({
  /** Application Insights; when set, OpenTelemetry traces, logs and metrics are exported to it. */
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().trim().min(1).optional(),
  SERVICE_NAME: z.string().default('report-scheduler'),
});
export type TelemetrySettings = z.infer<typeof TelemetrySettings>;

/**
 * The telemetry settings, read apart from the app configuration because telemetry starts first, before
 * any function is registered (and before the full configuration is needed).
 */
export function readTelemetrySettings(): TelemetrySettings {
  return Object.freeze(TelemetrySettings.parse(process.env));
}
