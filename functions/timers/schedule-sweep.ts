import { app } from '@azure/functions';
import { sweepDueSchedules } from '../../shared/app/scheduling/sweep-due-schedules';
import { getDeps } from '../composition-root';

/** Every 10 seconds: publish the fires due within the look-ahead (NCRONTAB, UTC). */
app.timer('scheduleSweep', {
  schedule: '*/10 * * * * *',
  runOnStartup: false,
  handler: async () => {
    const deps = getDeps();
    const stopTimer = deps.metrics.schedulerScanDuration.startTimer();
    const result = await sweepDueSchedules(deps.scheduler);
    const seconds = stopTimer();
    deps.metrics.schedulesEvaluated.inc(result.due);
    deps.metrics.schedulesTriggered.inc(result.published);
    deps.logger.debug({ ...result, ms: Math.round(seconds * 1000) }, 'schedule sweep');
  },
});
