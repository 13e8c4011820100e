import { app } from '@azure/functions';
import { expireRunRecords } from '../../shared/app/runs/expire-run-records';
import { getDeps } from '../composition-root';

/**
 * Daily: remove finished runs past their tenant's retention (with all their index rows) and the execution
 * counters of days before yesterday, found by a range query per tenant (docs/retention.md).
 */
app.timer('runRetention', {
  schedule: '0 47 3 * * *',
  handler: async () => {
    const deps = getDeps();
    const { failedTenants, ...outcome } = await expireRunRecords(deps.runRetention);
    if (outcome.stoppedEarly) deps.logger.warn(outcome, 'run retention stopped at its time budget');
    else deps.logger.info(outcome, 'run retention done');
    for (const failed of failedTenants) deps.logger.error(failed, 'run retention failed for a tenant');
  },
});
