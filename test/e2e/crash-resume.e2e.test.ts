import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableService } from '../../shared/adapters/table/table-service';
import { executionQueueName, type ExecutionRequested } from '../../shared/contracts/run-messages';
import type { ExecutionRun } from '../../shared/contracts/run';
import { newId } from '../../shared/domain/ids';
import { demoReport } from '../support/run-deps';
import { devToken, waitFor } from '../support/host-process';
import { useHostStorage } from '../support/host-storage';

const storage = useHostStorage('rs-crash');
const hostEnv = { DEMO_SALES_ROWS: '400000' };

describe('a host killed mid-run', () => {
  it('resumes the orchestration after SIGKILL and records the run once', async () => {
    const tenantId = 'crash';
    const { connectionString } = storage();
    const repos = createTableRepositories(createTableService({ connectionString }));
    // A report heavy enough that the kill lands between or inside activities: 400k rows, two formats.
    const report = demoReport(tenantId, {
      dataSource: { connectionId: 'demo', sql: 'select * from sales order by day, region', parameters: [] },
      outputs: [{ format: 'csv' }, { format: 'json' }],
    });
    await repos.reports.insert(tenantId, report);

    const first = await storage().startHost(hostEnv);
    const runId = newId(new Date(), (n) => randomBytes(n));
    const message: ExecutionRequested = {
      tenantId,
      runId,
      reportId: report.id,
      scheduleId: null,
      trigger: 'manual',
      fireTime: null,
      parameters: {},
      requestedBy: 'e2e',
    };
    await createStorageQueueMessageBus({ connectionString }, () => new Date()).publish(executionQueueName, {
      body: message,
      messageId: runId,
    });

    const token = await devToken(first.url, tenantId);
    const getRun = async (url: string, bearer = token) => {
      const res = await fetch(`${url}/api/v1/runs/${runId}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      return res.ok ? ((await res.json()) as ExecutionRun) : undefined;
    };
    // Kill as soon as the first activity has finished: the orchestration is between activities or in a render.
    const atKill = await waitFor(
      'extract to finish',
      async () => {
        const run = await getRun(first.url);
        return run?.steps.some((s) => s.name === 'extract' && s.status === 'succeeded') ? run : undefined;
      },
      60_000,
      20,
    );
    await first.kill('SIGKILL');
    expect(atKill.status).toBe('running');

    const second = await storage().startHost(hostEnv);
    const secondToken = await devToken(second.url, tenantId); // the issuer is the host's URL, which changed
    const done = await waitFor(
      'the run to finish',
      async () => {
        const run = await getRun(second.url, secondToken);
        return run && ['succeeded', 'failed'].includes(run.status) ? run : undefined;
      },
      90_000,
    );

    expect(done.status).toBe('succeeded');
    expect(done.rowCount).toBe(400_000);
    const runs = await repos.runs.list(tenantId, { limit: 100 });
    expect(runs.items.map((r) => r.id)).toEqual([runId]);
    const artifacts = await repos.artifacts.list(tenantId, {
      index: 'byRun',
      prefix: `${runId}|`,
      limit: 100,
    });
    expect(artifacts.items.map((a) => a.format).sort()).toEqual(['csv', 'json']);
    expect(done.steps.filter((s) => s.name === 'extract')).toHaveLength(1);

    // The orchestration goes on past the run's final status (deliveries), then completes.
    const runtimeStatus = () =>
      fetch(`${second.url}/runtime/webhooks/durabletask/instances/${runId}`)
        .then((r) => r.json() as Promise<{ runtimeStatus: string }>)
        .then((s) => s.runtimeStatus);
    const final = await waitFor(
      'the orchestration to end',
      async () => {
        const s = await runtimeStatus();
        return ['Completed', 'Failed', 'Terminated'].includes(s) ? s : undefined;
      },
      30_000,
    );
    expect(final).toBe('Completed');
  }, 180_000);
});
