/**
 * The app's "main": importing a file registers its functions, exactly as the Azure Functions worker loads
 * them. The local host loads this same module.
 */
import { app } from '@azure/functions';

// Stream HTTP bodies (artifact downloads) instead of buffering them.
app.setup({ enableHttpStream: true });

import './api/health';
import './api/metrics';
import './api/openapi';
import './api/reports';
import './api/holiday-calendars';
import './api/delivery-targets';
import './api/event-triggers';
import './api/audit-events';
import './api/data-sources';
import './api/schedules';
import './api/schedules-changes';
import './api/schedules-fires';
import './api/runs';
import './api/artifacts';
import './api/not-found';
import './timers/schedule-sweep';
import './timers/artifact-retention';
import './queues/execution-requested';
import './orchestrators/report-run-orchestrator';
import './orchestrators/report-run-activities';
