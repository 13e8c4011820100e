import type { Principal } from '../auth/principal';
import { assertMayRunReport } from '../reports/assert-may-run-report';
import { enqueueRun } from '../runs/enqueue-run';
import { loadSchedule } from './load-schedule';
import type { ScheduleDeps } from './schedule-deps';

/**
 * POST /schedules/{id}/trigger: run the schedule's report with its parameters now, outside its rule (paused or
 * not): as run-now, for the report's owner or a tenant admin; the daily execution quota applies. Returns the run id.
 */
export async function triggerSchedule(deps: ScheduleDeps, actor: Principal, id: string): Promise<string> {
  const schedule = await loadSchedule(deps.repos, actor, id, 'read');
  assertMayRunReport(actor, (await deps.repos.reports.get(actor.tenantId, schedule.doc.reportId))?.doc);
  const message = await enqueueRun(deps.runNow, actor, {
    reportId: schedule.doc.reportId,
    scheduleId: id,
    parameters: schedule.doc.parameters,
    trigger: 'manual',
  });
  return message.runId;
}
