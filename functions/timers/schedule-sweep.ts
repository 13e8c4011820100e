import { app } from '@azure/functions';
import { sweepDueSchedules } from '../../shared/app/scheduling/sweep-due-schedules';
import { getDeps } from '../composition-root';

/** Every 10 seconds: publish the fires due within the look-ahead (NCRONTAB, UTC). */
app.timer('scheduleSweep', {
  schedule: '*/10 * * * * *',
  runOnStartup: false,
  handler: async () => {
    const deps = getDeps();
    const started = Date.now();
    const result = await sweepDueSchedules(deps.scheduler);
    deps.logger.debug({ ...result, ms: Date.now() - started }, 'schedule sweep');
  },
});
