// Test support: a bursting schedule's run driven activity by activity, as the reportRun orchestrator calls them
// (the orchestrator itself is exercised under the local Durable driver elsewhere), on Azurite and DuckDB.
import { createTestRunDeps, demoReport, testId } from '../support/run-deps';
import { createDeliveryTestKit } from '../../shared/app/deliveries/testing/delivery-test-kit';
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import { startRun } from '../../shared/app/pipeline/start-run';
import { extractData } from '../../shared/app/pipeline/extract-data';
import { renderArtifact } from '../../shared/app/pipeline/render-artifact';
import { renderRequests } from '../../shared/app/pipeline/render-requests';
import { finishRun } from '../../shared/app/pipeline/finish-run';
import type { DataSource } from '../../shared/ports/data-source';
import type { OrchestrationStarter } from '../../shared/ports/orchestration-starter';
import type { ReportDefinition } from '../../shared/contracts/report';
import { ScheduleRecord } from '../../shared/contracts/schedule';
import type { Burst } from '../../shared/contracts/schedule-burst';
import type { DeliveryChannel } from '../../shared/ports/delivery-channel';
import type { RunError } from '../../shared/contracts/run';

const starter: OrchestrationStarter = {
  exists: () => Promise.resolve(false),
  start: () => Promise.resolve(),
};

/**
 * Run and delivery deps sharing one tenant's tables and blobs; the data source counts the queries it runs.
 */
export function burstHarness(options: { email?: DeliveryChannel; burstMaxSlices?: number } = {}) {
  const kit = createDeliveryTestKit();
  const base = createTestRunDeps();
  const queries: Array<Record<string, unknown>> = [];
  const runs = {
    ...base,
    repos: kit.repos,
    blobs: kit.blobs,
    ...(options.burstMaxSlices ? { burstMaxSlices: options.burstMaxSlices } : {}),
    dataSources: {
      async resolve(tenantId: string, connectionId: string): Promise<DataSource> {
        const source = await base.dataSources.resolve(tenantId, connectionId);
        return {
          query: (request) => {
            queries.push(request.params);
            return source.query(request);
          },
        };
      },
    },
  };
  const deliveries = options.email
    ? { ...kit.deps, channels: { ...kit.deps.channels, email: options.email } }
    : kit.deps;
  const tenantId = kit.tenantId;

  async function seed(
    report: Partial<ReportDefinition>,
    burst: Burst,
    options: { attachPdf?: boolean } = {},
  ) {
    const definition = demoReport(tenantId, report);
    await kit.repos.reports.insert(tenantId, definition);
    const now = new Date().toISOString();
    const schedule = ScheduleRecord.parse({
      id: testId(),
      tenantId,
      reportId: definition.id,
      rule: { kind: 'cron', expression: '0 9 * * *', timezone: 'UTC' },
      emailDelivery: { enabled: true, recipients: [], attachPdf: options.attachPdf ?? false },
      burst,
      active: true,
      nextRunAt: null,
      createdBy: 'u1',
      createdAt: now,
      updatedAt: now,
    });
    await kit.repos.schedules.insert(tenantId, schedule);
    return { report: definition, schedule };
  }

  /** One fire of the schedule through start → extract → render (each slice, each format) → finish. */
  async function runOnce(schedule: { id: string; reportId: string }) {
    const runId = testId();
    const ref = { tenantId, runId };
    await admitExecutionRequest(
      { ...runs, orchestrations: starter },
      {
        tenantId,
        runId,
        reportId: schedule.reportId,
        scheduleId: schedule.id,
        trigger: 'manual',
        fireTime: new Date().toISOString(),
        parameters: {},
        requestedBy: 'u1',
      },
    );
    const started = await startRun(runs, ref);
    if (!started.ok) throw new Error('run did not start');
    const extracted = await extractData(runs, ref);
    const fail = async (error: RunError) => {
      await finishRun(runs, { ...ref, status: 'failed', error });
      return { ref, error, artifactIds: [] as string[], extracted: undefined };
    };
    if (!extracted.ok) return fail(extracted.error);
    if (extracted.skipped !== undefined) {
      await finishRun(runs, { ...ref, status: 'skipped', error: null });
      return { ref, error: null, artifactIds: [] as string[], extracted };
    }
    const artifactIds: string[] = [];
    for (const { request } of renderRequests(ref, started.formats, extracted)) {
      const rendered = await renderArtifact(runs, request);
      if (!rendered.ok) return fail(rendered.error);
      artifactIds.push(rendered.artifactId);
    }
    await finishRun(runs, { ...ref, status: 'succeeded', error: null });
    return { ref, error: null, artifactIds, extracted };
  }

  return { kit, runs, deliveries, tenantId, queries, seed, runOnce };
}
