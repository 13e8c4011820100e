import type { DeliveriesSummary } from '../../contracts/delivery';
import type { Repositories } from '../../ports/repositories';
import { updateRun } from '../runs/update-run';

/**
 * Records how the run's deliveries ended on the run (`deliveries: {sent, failed}`) without touching its
 * status: the run's status is about generation, and a failed delivery is redriven on its own.
 */
export async function recordDeliverySummary(deps: { repos: Repositories }, summary: DeliveriesSummary) {
  await updateRun(deps.repos, summary.tenantId, summary.runId, (run) =>
    run.deliveries?.sent === summary.sent && run.deliveries.failed === summary.failed
      ? undefined
      : { ...run, deliveries: { sent: summary.sent, failed: summary.failed } },
  );
}
