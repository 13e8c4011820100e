import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, testId } from '../../../test/support/run-deps';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { cancelRun } from '../runs/cancel-run';
import { extractData } from './extract-data';
import { admitExecutionRequest } from '../runs/admit-execution-request';
import type { OrchestrationStarter } from '../../ports/orchestration-starter';
import { startRun } from './start-run';

// Real DuckDB and Azurite: what will fail again is returned as a value (not retried), and a cancel stops
// the query that is running.
const heavy = 'select count(*) as n from range(100000000000) t(i) where hash(i) % 7 = 3';
/** Orchestrations are not under test here: nothing exists, a start is accepted. */
const starter: OrchestrationStarter = {
  exists: () => Promise.resolve(false),
  start: () => Promise.resolve(),
};

async function queuedRun(deps: ReturnType<typeof createTestRunDeps>, sql: string) {
  const report = demoReport('ff', { dataSource: { connectionId: 'demo', sql, parameters: [] } });
  await deps.repos.reports.insert('ff', report);
  const message: ExecutionRequested = {
    tenantId: 'ff',
    runId: testId(),
    reportId: report.id,
    scheduleId: null,
    trigger: 'manual',
    fireTime: null,
    parameters: {},
    requestedBy: 'u1',
  };
  await admitExecutionRequest({ ...deps, orchestrations: starter }, message);
  const ref = { tenantId: 'ff', runId: message.runId };
  await startRun(deps, ref);
  return ref;
}

describe('extract: fail fast on what will fail again', () => {
  it('returns a query timeout as a value with a suggested fix (the retry policy never sees it)', async () => {
    const deps = { ...createTestRunDeps(), limits: { timeoutMs: 300, maxRows: 1000 } };
    const ref = await queuedRun(deps, heavy);
    const outcome = await extractData(deps, ref);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'QUERY_TIMEOUT' } });
    expect(outcome.ok === false && outcome.error.suggestedFix).toMatch(/Narrow the query/);
  });

  it('a cancel of the run interrupts the running DuckDB query', async () => {
    const deps = { ...createTestRunDeps(), limits: { timeoutMs: 600_000, maxRows: 1000 }, cancelPollMs: 50 };
    const ref = await queuedRun(deps, heavy);
    const extracting = extractData(deps, ref);
    await expect.poll(async () => (await deps.repos.runs.get('ff', ref.runId))?.doc.steps.length).toBe(1);
    await cancelRun(deps, { tenantId: 'ff', userId: 'u1', roles: ['tenant_admin'] }, ref.runId);
    // Without the interrupt this waits for the 10-minute limit (and the test's own timeout fails it).
    expect(await extracting).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await deps.repos.runs.get('ff', ref.runId))?.doc.status).toBe('aborted');
  }, 30_000);
});
