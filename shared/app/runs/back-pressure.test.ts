import { BlobServiceClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';
import { describe, expect, it } from 'vitest';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { createBlobArtifactStore } from '../../adapters/blob/blob-artifact-store';
import { createStorageQueueMessageBus } from '../../adapters/messaging/storage-queue-message-bus';
import { createTableExecutionSlots } from '../../adapters/table/table-execution-slots';
import { createTableRepositories } from '../../adapters/table/table-repositories';
import { createTableService } from '../../adapters/table/table-service';
import { ExecutionRequested } from '../../contracts/run-messages';
import type { Tenant } from '../../contracts/tenant';
import type { OrchestrationStarter } from '../../ports/orchestration-starter';
import { finishRun } from '../pipeline/finish-run';
import { newTenantRecord, type TenantProfiles } from '../tenants/tenant-profiles';
import { updateRun } from './update-run';
import { admitExecutionRequest } from './admit-execution-request';

// Per-tenant back-pressure on the test Azurite: the real slot table, the real Storage queue (re-offers are
// delayed messages), the real consumer use case; the "report" is an orchestration that takes a while and
// then ends through finishRun, which frees the slot.
const SLOW_REPORT_MS = 1_000;
const BURST = 20;

function harness() {
  const connectionString = testConnectionString();
  const tables = createTableService({ connectionString }, { prefix: uniqueName('bp') });
  const repos = createTableRepositories(tables);
  const slots = createTableExecutionSlots(tables, { leaseMs: 60_000 });
  // finishRun keeps a conditional schedule's data hash here; these runs have none, so nothing is written.
  const blobs = createBlobArtifactStore(
    BlobServiceClient.fromConnectionString(connectionString),
    uniqueName('bp'),
  );
  const clock = () => new Date();
  const queue = uniqueName('bp-exec');
  const bus = createStorageQueueMessageBus({ connectionString }, clock);
  const tenants = new Map<string, Tenant>();
  const profiles: TenantProfiles = {
    get: (id) => Promise.resolve(tenants.get(id) ?? newTenantRecord(id, clock())),
    invalidate: () => undefined,
  };
  const starts: { tenantId: string; runId: string }[] = [];
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  const finished: Promise<unknown>[] = [];
  const orchestrations: OrchestrationStarter = {
    exists: () => Promise.resolve(false),
    async start(_name, runId, input) {
      const { tenantId } = input as { tenantId: string };
      starts.push({ tenantId, runId });
      const now = (running.get(tenantId) ?? 0) + 1;
      running.set(tenantId, now);
      peak.set(tenantId, Math.max(peak.get(tenantId) ?? 0, now));
      await updateRun(repos, tenantId, runId, (r) => ({ ...r, status: 'running' }));
      finished.push(
        new Promise((resolve) => setTimeout(resolve, SLOW_REPORT_MS)).then(async () => {
          running.set(tenantId, (running.get(tenantId) ?? 1) - 1);
          await finishRun(
            { repos, blobs, clock, slots, publishEvent: () => Promise.resolve() },
            { tenantId, runId, status: 'succeeded', error: null },
          );
        }),
      );
    },
  };
  const deps = {
    repos,
    clock,
    orchestrations,
    profiles,
    backPressure: { slots, profiles, bus, clock, queue, retryDelayMs: 1_000, maxRetryDelayMs: 2_000 },
  };
  const queueClient = new QueueClient(connectionString, queue);

  /** The consumer: receives what is visible, admits each message concurrently, deletes it when handled. */
  async function consumeUntil(done: () => Promise<boolean>) {
    const outcomes: string[] = [];
    while (!(await done())) {
      const { receivedMessageItems } = await queueClient.receiveMessages({
        numberOfMessages: 32,
        visibilityTimeout: 60,
      });
      if (!receivedMessageItems.length) await new Promise((r) => setTimeout(r, 200));
      await Promise.all(
        receivedMessageItems.map(async (item) => {
          const envelope = JSON.parse(Buffer.from(item.messageText, 'base64').toString('utf8')) as {
            body: unknown;
          };
          outcomes.push(await admitExecutionRequest(deps, ExecutionRequested.parse(envelope.body)));
          await queueClient.deleteMessage(item.messageId, item.popReceipt);
        }),
      );
    }
    await Promise.all(finished);
    return outcomes;
  }

  const request = (tenantId: string, runId: string) =>
    bus.publish(queue, {
      messageId: runId,
      body: {
        tenantId,
        runId,
        reportId: 'r1',
        scheduleId: 's1',
        trigger: 'schedule',
        fireTime: new Date().toISOString(),
        parameters: {},
        requestedBy: 'schedule:s1',
      } satisfies ExecutionRequested,
    });

  return { repos, slots, queueClient, tenants, starts, peak, request, consumeUntil };
}

describe('per-tenant max concurrent executions', () => {
  it("delays a tenant's burst beyond its limit without failing or losing a fire, and another tenant's fire is not held up behind it", async () => {
    const h = harness();
    await h.queueClient.createIfNotExists();
    const [busy, quiet] = [uniqueName('busy'), uniqueName('quiet')];
    h.tenants.set(busy, {
      ...newTenantRecord(busy, new Date()),
      tier: 'enterprise',
      overrides: { maxConcurrentExecutions: 2 },
    });
    const burst = Array.from({ length: BURST }, (_, i) => `b${String(i).padStart(3, '0')}`);
    for (const runId of burst) await h.request(busy, runId);
    await h.request(quiet, 'q001');

    const allEnded = async () => {
      const runs = await Promise.all([
        ...burst.map((id) => h.repos.runs.get(busy, id)),
        h.repos.runs.get(quiet, 'q001'),
      ]);
      return runs.every((r) => r?.doc.status === 'succeeded');
    };
    const outcomes = await h.consumeUntil(allEnded);

    // Never lost, never failed: every fire of the burst ran exactly once and succeeded.
    expect(
      h.starts
        .filter((s) => s.tenantId === busy)
        .map((s) => s.runId)
        .sort(),
    ).toEqual(burst);
    expect(outcomes.filter((o) => o === 'over-quota' || o === 'skipped')).toEqual([]);
    expect(outcomes).toContain('waiting');
    // At most the limit at once, and the limit was used.
    expect(h.peak.get(busy)).toBe(2);
    // The quiet tenant's fire started while most of the burst was still waiting for a slot.
    const quietAt = h.starts.findIndex((s) => s.tenantId === quiet);
    expect(quietAt).toBeGreaterThanOrEqual(0);
    expect(quietAt).toBeLessThan(5);
    // Every slot was given back.
    expect(await h.slots.held(busy, new Date())).toBe(0);
    expect(await h.slots.held(quiet, new Date())).toBe(0);
  }, 120_000);
});

describe('table execution slots', () => {
  it('gives each slot to one run, keeps a run its slot, and lets a lapsed lease be taken', async () => {
    const slots = createTableExecutionSlots(
      createTableService({ connectionString: testConnectionString() }, { prefix: uniqueName('sl') }),
      { leaseMs: 10_000 },
    );
    const t = 'acme';
    const now = new Date('2026-12-01T10:00:00Z');
    const taken = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((r) => slots.acquire(t, r, 2, now)));
    expect(taken.filter(Boolean)).toHaveLength(2);
    const holder = ['r1', 'r2', 'r3', 'r4'][taken.indexOf(true)]!;
    expect(await slots.acquire(t, holder, 2, now)).toBe(true);
    expect(await slots.acquire('other', 'r9', 2, now)).toBe(true);
    expect(await slots.held(t, now)).toBe(2);
    const later = new Date(now.getTime() + 10_001);
    expect(await slots.held(t, later)).toBe(0);
    expect(await slots.acquire(t, 'r5', 1, later)).toBe(true);
    await slots.release(t, 'r5');
    await slots.release(t, 'r5');
    expect(await slots.held(t, later)).toBe(0);
  });
});
