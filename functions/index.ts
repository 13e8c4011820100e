/**
 * The app's "main": importing a file registers its functions, exactly as the Azure Functions worker loads
 * them. The local host loads this same module.
 */
import { app } from '@azure/functions';
import { startTelemetry } from './telemetry/start-telemetry';

// First: the exporter instruments modules as they load (only when APPLICATIONINSIGHTS_CONNECTION_STRING is set).
startTelemetry();

// Stream HTTP bodies (artifact downloads) instead of buffering them.
app.setup({ enableHttpStream: true });

import './api/health';
import './api/metrics';
import './api/openapi';
import './api/api-docs';
import './api/reports';
import './api/holiday-calendars';
import './api/delivery-targets';
import './api/event-triggers';
import './api/subscriptions';
import './api/subscription-triggers';
import './api/audit-events';
import './api/tenant-erase';
import './api/tenant-export';
import './api/data-sources';
import './api/secrets';
import './api/tenant';
import './api/admin-tenants';
import './api/schedules';
import './api/schedules-changes';
import './api/schedules-fires';
import './api/runs';
import './api/run-result';
import './api/report-runs';
import './api/report-preview';
import './api/report-versions';
import './api/artifacts';
import './api/artifact-preview';
import './api/deliveries';
import './api/not-found';
import './timers/schedule-sweep';
import './timers/artifact-retention';
import './timers/fire-gate-expiry';
import './timers/audit-archive';
import './timers/housekeeping';
import './timers/run-retention';
import './queues/execution-requested';
import './queues/subscription-events';
import './queues/delivery-redrive-requested';
import './queues/render-job-completed';
import './queues/tenant-export-requested';
import './queues/tenant-instances-purge';
import './orchestrators/report-run-orchestrator';
import './orchestrators/report-run-activities';
import './orchestrators/render-via-job-orchestrator';
import './orchestrators/deliver-one-orchestrator';
import './orchestrators/delivery-activities';
import './lifecycle';
