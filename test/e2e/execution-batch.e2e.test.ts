import { describe, expect, it } from 'vitest';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import {
  EXECUTION_COUNTER_TABLE,
  executionCounterRowKey,
} from '../../shared/adapters/table/table-execution-quota';
import { createTableService } from '../../shared/adapters/table/table-service';
import { runIdForFire } from '../../shared/app/sweep/run-id-for-fire';
import {
  executionQueueName,
  type ExecutionBatchRequested,
  type ExecutionRequested,
} from '../../shared/contracts/run-messages';
import { demoReport } from '../support/run-deps';
import { waitFor } from '../support/host-process';
import { useHostStorage } from '../support/host-storage';

const storage = useHostStorage('rs-batch');

describe('a batch of fires on the local host', () => {
  it('runs every fire of an ExecutionBatchRequested once, also when the batch arrives twice', async () => {
    const { connectionString } = storage();
    const repos = createTableRepositories(createTableService({ connectionString }));
    const tenants = ['batch-a', 'batch-b'];
    const reports = new Map(tenants.map((tenantId) => [tenantId, demoReport(tenantId)]));
    for (const [tenantId, report] of reports) await repos.reports.insert(tenantId, report);
    const fireTime = new Date(Math.ceil(Date.now() / 1000) * 1000).toISOString();
    const fires: ExecutionRequested[] = ['s1', 's2', 's3'].flatMap((scheduleId) =>
      tenants.map((tenantId) => ({
        tenantId,
        runId: runIdForFire({ tenantId, scheduleId, fireTime }),
        reportId: reports.get(tenantId)!.id,
        scheduleId,
        trigger: 'schedule' as const,
        fireTime,
        parameters: {},
        requestedBy: `schedule:${scheduleId}`,
      })),
    );
    await storage().startHost({ DEMO_SALES_ROWS: '1000' });
    const bus = createStorageQueueMessageBus({ connectionString }, () => new Date());
    const body: ExecutionBatchRequested = { fires };
    await bus.publish(executionQueueName, { body, messageId: 'batch-e2e' });
    await bus.publish(executionQueueName, { body, messageId: 'batch-e2e-again' });

    const runs = await waitFor(
      'every run to succeed',
      async () => {
        const all = (
          await Promise.all(tenants.map(async (t) => (await repos.runs.list(t, { limit: 100 })).items))
        ).flat();
        return all.length === fires.length && all.every((r) => r.status === 'succeeded') ? all : undefined;
      },
      120_000,
    );
    expect(runs.map((r) => r.id).sort()).toEqual(fires.map((f) => f.runId).sort());
    expect(runs.every((r) => r.fireTime === fireTime && r.trigger === 'schedule')).toBe(true);
    // Each fire counted once against its tenant's daily quota, though the batch came twice.
    const counters = await createTableService({ connectionString }).table(EXECUTION_COUNTER_TABLE);
    for (const tenantId of tenants) {
      const row = await counters.getEntity<{ count: number }>(
        tenantId,
        executionCounterRowKey(fireTime.slice(0, 10)),
      );
      expect(row.count).toBe(3);
    }
  }, 180_000);
});
