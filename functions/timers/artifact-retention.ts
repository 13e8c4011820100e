import { app } from '@azure/functions';
import { deleteExpiredArtifacts } from '../../shared/app/artifacts/delete-expired-artifacts';
import { getDeps } from '../composition-root';

/** Hourly: delete artifacts (files and records) past their tenant's retention. */
app.timer('artifactRetention', {
  schedule: '0 17 * * * *',
  handler: async () => {
    const deps = getDeps();
    const { deleted } = await deleteExpiredArtifacts(deps.runs);
    if (deleted > 0) deps.logger.info({ deleted }, 'expired artifacts deleted');
  },
});
