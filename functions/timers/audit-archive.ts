import { app } from '@azure/functions';
import { archiveExpiredAudit } from '../../shared/app/audit/archive-expired-audit';
import { getDeps } from '../composition-root';

/** Daily: audit days past AUDIT_RETENTION_DAYS move to the immutable archive (docs/retention.md). */
app.timer('auditArchive', {
  schedule: '0 25 2 * * *',
  handler: async () => {
    const deps = getDeps();
    const outcome = await archiveExpiredAudit(deps.auditArchive);
    if (outcome.days > 0 || outcome.backfilled !== null) deps.logger.info(outcome, 'audit days archived');
  },
});
