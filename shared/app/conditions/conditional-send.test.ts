import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, testId } from '../../../test/support/run-deps';
import { dailySchedule } from '../../../test/support/schedule-records';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import {
  createTableExecutionQuota,
  EXECUTION_COUNTER_TABLE,
  executionCounterRowKey,
} from '../../adapters/table/table-execution-quota';
import { createTableService } from '../../adapters/table/table-service';
import type { Schedule } from '../../contracts/schedule';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { extractData } from '../pipeline/extract-data';
import { finishRun } from '../pipeline/finish-run';
import { renderArtifact } from '../pipeline/render-artifact';
import { startRun } from '../pipeline/start-run';
import { admitExecutionRequest } from '../runs/admit-execution-request';

// Scheduled runs through the real activities on Azurite and DuckDB's demo sales, with the schedule's
// condition evaluated after extract, as the orchestrator calls them.
const tenant = 'cond';
const starter = { exists: () => Promise.resolve(false), start: () => Promise.resolve() };

function setup() {
  const evaluated: string[] = [];
  const tables = createTableService(
    { connectionString: testConnectionString() },
    { prefix: uniqueName('q') },
  );
  const quota = createTableExecutionQuota(tables, { tierOf: () => Promise.resolve('standard') });
  const deps = {
    // The quota writes a scheduled fire's run row with its count: the same tables as the run rows.
    ...createTestRunDeps({ tables }),
    quotaRefund: quota,
    metrics: {
      reportGenerationDuration: { observe: () => undefined },
      executionFailures: { inc: () => undefined },
      artifactSize: { observe: () => undefined },
      concurrentExecutions: { inc: () => undefined, dec: () => undefined },
      conditionsEvaluated: { inc: ({ result }: { result: string }) => void evaluated.push(result) },
    },
  };
  /** Executions counted today: what a 1,000-a-day tenant has left is 1,000 minus this. */
  const usedToday = async () => {
    const row = await (
      await tables.table(EXECUTION_COUNTER_TABLE)
    )
      .getEntity<{ count: number }>(tenant, executionCounterRowKey(new Date().toISOString().slice(0, 10)))
      .catch(() => ({ count: 0 }));
    return row.count;
  };
  return { deps, quota, evaluated, usedToday };
}

async function scheduleWith(deps: ReturnType<typeof setup>['deps'], condition: string) {
  const report = demoReport(tenant, { outputs: [{ format: 'csv' }] });
  await deps.repos.reports.insert(tenant, report);
  const schedule = dailySchedule({ id: testId(), tenantId: tenant, reportId: report.id, condition });
  await deps.repos.schedules.insert(tenant, schedule);
  return schedule;
}

/** One scheduled fire, admitted (the quota counts it), extracted, and then rendered and finished or skipped. */
async function fire(env: ReturnType<typeof setup>, schedule: Schedule, minQty = 1) {
  const message: ExecutionRequested = {
    tenantId: tenant,
    runId: testId(),
    reportId: schedule.reportId,
    scheduleId: schedule.id,
    trigger: 'schedule',
    fireTime: new Date().toISOString(),
    parameters: { minQty },
    requestedBy: 'scheduler',
  };
  await admitExecutionRequest({ ...env.deps, quota: env.quota, orchestrations: starter }, message);
  const ref = { tenantId: tenant, runId: message.runId };
  const started = await startRun(env.deps, ref);
  if (!started.ok) throw new Error('not started');
  const extracted = await extractData(env.deps, ref);
  if (extracted.ok && extracted.skipped !== undefined)
    await finishRun(env.deps, { ...ref, status: 'skipped', error: null });
  else if (extracted.ok) {
    const out = await renderArtifact(env.deps, { ...ref, format: 'csv', stagedBlob: extracted.stagedBlob });
    if (!out.ok) throw new Error(out.error.message);
    await finishRun(env.deps, { ...ref, status: 'succeeded', error: null });
  } else await finishRun(env.deps, { ...ref, status: 'failed', error: extracted.error });
  const run = (await env.deps.repos.runs.get(tenant, message.runId))!.doc;
  const artifacts = await env.deps.repos.artifacts.list(tenant, {
    index: 'byRun',
    prefix: `${run.id}|`,
    limit: 10,
  });
  return { run, extracted, artifacts: artifacts.items };
}

describe('conditional send: a schedule’s condition after extract, before render', () => {
  it('rowCount > 0: no rows → skipped with the reason, nothing rendered, the execution given back', async () => {
    const env = setup();
    const schedule = await scheduleWith(env.deps, 'rowCount > 0');
    const empty = await fire(env, schedule, 1_000_000);
    expect(empty.run.status).toBe('skipped');
    expect(empty.run.skipReason).toBe('Condition `rowCount > 0` was false (rowCount = 0)');
    expect(empty.run.steps.map((s) => s.name)).toEqual(['extract']);
    expect(empty.artifacts).toEqual([]);
    expect(await env.usedToday()).toBe(0);

    const some = await fire(env, schedule, 1);
    expect(some.run.status).toBe('succeeded');
    expect(some.artifacts).toHaveLength(1);
    expect(await env.usedToday()).toBe(1);
    expect(env.evaluated).toEqual(['skip', 'send']);
  });

  it('an aggregate threshold: sum(total) over the extracted rows', async () => {
    const env = setup();
    const high = await fire(env, await scheduleWith(env.deps, 'sum(total) > 1000000000000'));
    expect(high.run.status).toBe('skipped');
    expect(high.run.skipReason).toMatch(
      /^Condition `sum\(total\) > 1000000000000` was false \(sum\(total\) = \d+(\.\d+)?\)$/,
    );
    const low = await fire(env, await scheduleWith(env.deps, 'sum(total) > 0 and count(region) >= 1'));
    expect(low.run.status).toBe('succeeded');
  });

  it('changed: sends the first time and when the data changes, skips the same data again', async () => {
    const env = setup();
    const schedule = await scheduleWith(env.deps, 'changed');
    expect((await fire(env, schedule, 1)).run.status).toBe('succeeded');
    const same = await fire(env, schedule, 1);
    expect(same.run.status).toBe('skipped');
    expect(same.run.skipReason).toBe('Condition `changed` was false (changed = false)');
    expect((await fire(env, schedule, 7)).run.status).toBe('succeeded');
    // A skipped run's data is not "sent": the next fire compares with the last successful run.
    expect((await fire(env, schedule, 7)).run.status).toBe('skipped');
    expect((await fire(env, schedule, 1)).run.status).toBe('succeeded');
  });

  it('a condition that fails on the data is a user error with a suggested fix', async () => {
    const env = setup();
    const failed = await fire(env, await scheduleWith(env.deps, 'sum(amount) > 0'));
    expect(failed.run.status).toBe('failed');
    expect(failed.run.error).toEqual({
      code: 'CONDITION_FAILED',
      message: expect.stringMatching(
        /reads column "amount", which the data does not have \(it has: region, total, orders\)/,
      ),
      suggestedFix:
        'Change the condition to a column the query returns, e.g. sum(orders), or add "amount" to the query.',
    });
    expect(failed.artifacts).toEqual([]);
    expect(env.evaluated).toEqual(['error']);
  });
});
