import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { purgeRunHistory, runHousekeeping } from '../../shared/app/housekeeping/run-housekeeping';
import { getDeps } from '../composition-root';
import { durablePurger } from '../orchestrators/durable-purger';

/**
 * Hourly: removes expired idempotency keys, subscription dispatches, delivery receipts and trigger
 * signatures found through the housekeeping index, and purges finished runs' Durable history
 * (docs/retention.md).
 */
app.timer('housekeeping', {
  schedule: '0 31 * * * *',
  extraInputs: [df.input.durableClient()],
  handler: async (_timer, context) => {
    const deps = getDeps();
    const removed = await runHousekeeping(deps.housekeeping);
    const purged = await purgeRunHistory(
      { purger: durablePurger(df.getClient(context)), clock: deps.clock },
      deps.config.RUN_HISTORY_RETENTION_DAYS,
    );
    deps.logger.info({ ...removed, runHistoriesPurged: purged }, 'housekeeping done');
  },
});
