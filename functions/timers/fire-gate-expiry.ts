import { app } from '@azure/functions';
import { expireFireGates } from '../../shared/app/sweep/expire-fire-gates';
import { getDeps } from '../composition-root';

/** Hourly: delete the sweep's fire gates once their fires are past the retention (docs/scheduler.md). */
app.timer('fireGateExpiry', {
  schedule: '0 43 * * * *',
  handler: async () => {
    const deps = getDeps();
    const { deleted, kept } = await expireFireGates(deps.scheduler);
    if (deleted > 0 || kept > 0) deps.logger.info({ deleted, kept }, 'expired fire gates deleted');
  },
});
