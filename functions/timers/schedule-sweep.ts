import { app } from '@azure/functions';
import { sweepDueSchedules } from '../../shared/app/sweep/sweep-due-schedules';
import { getDeps } from '../composition-root';

const MAX_FAILURES_LOGGED = 10;

/** Every 10 seconds: publish the fires due within the look-ahead, catch up late ones (NCRONTAB, UTC). */
app.timer('scheduleSweep', {
  schedule: '*/10 * * * * *',
  runOnStartup: false,
  handler: async () => {
    const deps = getDeps();
    const stopTimer = deps.metrics.schedulerScanDuration.startTimer();
    const { failures, ...counts } = await sweepDueSchedules(deps.scheduler);
    const ms = Math.round(stopTimer() * 1000);
    deps.metrics.schedulesEvaluated.inc(counts.due);
    deps.metrics.schedulesTriggered.inc(counts.published);
    for (const { error, ...fire } of failures.slice(0, MAX_FAILURES_LOGGED))
      deps.logger.error(
        { err: error, ...fire },
        'schedule sweep: a schedule failed; the next sweep retries it',
      );
    const log = failures.length ? deps.logger.warn.bind(deps.logger) : deps.logger.debug.bind(deps.logger);
    log({ ...counts, failed: failures.length, ms }, 'schedule sweep');
  },
});
