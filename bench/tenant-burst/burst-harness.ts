import { BlobServiceClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';
import { createBlobArtifactStore } from '../../shared/adapters/blob/blob-artifact-store';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import { createMetrics } from '../../shared/adapters/observability/create-metrics';
import { createTableExecutionSlots } from '../../shared/adapters/table/table-execution-slots';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableService } from '../../shared/adapters/table/table-service';
import { finishRun } from '../../shared/app/pipeline/finish-run';
import { admitExecutionRequest, type AdmissionOutcome } from '../../shared/app/runs/admit-execution-request';
import { updateRun } from '../../shared/app/runs/update-run';
import { newTenantRecord, type TenantProfiles } from '../../shared/app/tenants/tenant-profiles';
import type { ExecutionRun } from '../../shared/contracts/run';
import { admitExecutionBatch } from '../../shared/app/runs/admit-execution-batch';
import {
  ExecutionQueueMessage,
  MAX_BATCH_FIRES,
  type ExecutionRequested,
} from '../../shared/contracts/run-messages';
import type { OrchestrationStarter } from '../../shared/ports/orchestration-starter';

/**
 * One tenant's burst against another tenant's single fire, through the real admission path on Azurite:
 * the run rows and the execution slots in Table storage, the execution queue a Storage queue (a fire that
 * finds no slot is re-offered as a delayed message, exactly as in production), and consumers that receive,
 * admit and delete like the Functions host does. Only the report work is a stand-in: "starting the
 * orchestration" marks the run running (and counts it up on the tenant's `concurrent_executions` gauge,
 * as startRun does), waits `runMs`, then ends it through the real finishRun, which counts the gauge down
 * and frees the slot.
 *
 * The gauge is per process, not per tenant; here each tenant's runs report to a registry of their own
 * (as if each ran on its own instance), so the busy tenant's gauge is read alone.
 */
export interface BurstOptions {
  connectionString: string;
  /** Fires of the busy tenant, published before the quiet tenant's single fire. */
  burst: number;
  /** The busy tenant's max concurrent executions (an Enterprise override). */
  busyLimit: number;
  /** How long the stand-in report takes. */
  runMs: number;
  /** How long a fire without a slot waits before it is offered again (plus up to 1 s of jitter). */
  retryDelayMs: number;
  /** The longest wait between two offers (the backoff's cap). */
  maxRetryDelayMs: number;
  /** Receive loops running at once (instances of the consumer). */
  consumers: number;
  /** Messages per receive (the host's batch size). */
  batchSize: number;
  /**
   * The burst as the sweep publishes fires of one instant: scheduled fires, MAX_BATCH_FIRES to a message
   * (the quiet tenant's fire in a batch of its own). Otherwise one manual-run message per fire.
   */
  sweepBatches: boolean;
  /** Called about every second with the counts so far (the bench prints them). */
  onProgress?: (progress: { started: number; ended: number; waiting: number }) => void;
}

export interface BurstResult {
  busy: string;
  quiet: string;
  /** Run ids of the busy tenant in the order they started (a run appears as often as it was started). */
  busyStarts: string[];
  /** Busy fires not yet started when the quiet tenant's fire started. */
  busyWaitingAtQuietStart: number;
  /** From publishing the quiet fire to its start, and from the first publish to the burst's last end. */
  quietDelayMs: number;
  drainMs: number;
  outcomes: Record<AdmissionOutcome, number>;
  /** Highest `concurrent_executions` read from the busy tenant's registry, sampled at every start and end. */
  busyGaugePeak: number;
  /** Highest number of times one message was received (1: nothing was redelivered, so nothing nears poison). */
  maxDequeueCount: number;
  /** The busy tenant's runs as stored at the end, by status. */
  busyStatuses: Record<string, number>;
  quietStatus: string | undefined;
  slotsHeldAfter: { busy: number; quiet: number };
}

const baseFire: ExecutionRequested = {
  tenantId: '',
  runId: '',
  reportId: 'r1',
  scheduleId: 's1',
  trigger: 'manual',
  fireTime: null,
  parameters: {},
  requestedBy: 'schedule:s1',
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runTenantBurst(options: BurstOptions): Promise<BurstResult> {
  const { connectionString } = options;
  const suffix = Math.random().toString(36).slice(2, 10);
  const tables = createTableService({ connectionString }, { prefix: `burst${suffix}` });
  const repos = createTableRepositories(tables);
  const slots = createTableExecutionSlots(tables, { leaseMs: 120_000 });
  // finishRun keeps a conditional schedule's data hash here; these runs have none, so nothing is written.
  const blobs = createBlobArtifactStore(
    BlobServiceClient.fromConnectionString(connectionString),
    `burst${suffix}`,
  );
  const clock = () => new Date();
  const queue = `burst-exec-${suffix}`;
  const bus = createStorageQueueMessageBus({ connectionString }, clock);
  const queueClient = new QueueClient(connectionString, queue);
  await queueClient.createIfNotExists();

  const [busy, quiet] = [`busy${suffix}`, `quiet${suffix}`];
  const tenants = new Map([
    [
      busy,
      {
        ...newTenantRecord(busy, clock()),
        tier: 'enterprise' as const,
        overrides: { maxConcurrentExecutions: options.busyLimit },
      },
    ],
  ]);
  const profiles: TenantProfiles = {
    get: (id) => Promise.resolve(tenants.get(id) ?? newTenantRecord(id, clock())),
    invalidate: () => undefined,
  };
  const metricsOf = new Map([busy, quiet].map((t) => [t, createMetrics()]));
  const gaugeOf = async (tenantId: string) =>
    (await metricsOf.get(tenantId)!.concurrentExecutions.get()).values[0]?.value ?? 0;
  let busyGaugePeak = 0;
  const sampleGauge = async () => {
    busyGaugePeak = Math.max(busyGaugePeak, await gaugeOf(busy));
  };

  const busyStarts: string[] = [];
  const started = new Set<string>();
  let quietStartedAt: number | undefined;
  let busyWaitingAtQuietStart = -1;
  let ended = 0;
  let lastEndAt = 0;
  const endings: Promise<void>[] = [];

  const orchestrations: OrchestrationStarter = {
    exists: (runId) => Promise.resolve(started.has(runId)),
    async start(_name, runId, input) {
      const { tenantId } = input as { tenantId: string };
      started.add(runId);
      if (tenantId === busy) busyStarts.push(runId);
      else {
        quietStartedAt = Date.now();
        busyWaitingAtQuietStart = options.burst - new Set(busyStarts).size;
      }
      const metrics = metricsOf.get(tenantId)!;
      await updateRun(repos, tenantId, runId, (r): ExecutionRun => ({
        ...r,
        status: 'running',
        startedAt: clock().toISOString(),
      }));
      metrics.concurrentExecutions.inc();
      await sampleGauge();
      endings.push(
        pause(options.runMs).then(async () => {
          await finishRun(
            { repos, blobs, clock, slots, metrics, publishEvent: () => Promise.resolve() },
            { tenantId, runId, status: 'succeeded', error: null },
          );
          await sampleGauge();
          ended++;
          lastEndAt = Date.now();
        }),
      );
    },
  };
  const deps = {
    repos,
    clock,
    orchestrations,
    profiles,
    backPressure: {
      slots,
      profiles,
      bus,
      clock,
      queue,
      retryDelayMs: options.retryDelayMs,
      maxRetryDelayMs: options.maxRetryDelayMs,
    },
  };

  const fireTime = clock().toISOString();
  const fire = (tenantId: string, runId: string): ExecutionRequested =>
    options.sweepBatches
      ? { ...baseFire, tenantId, runId, trigger: 'schedule', fireTime }
      : { ...baseFire, tenantId, runId };
  const publish = (fires: ExecutionRequested[]) =>
    bus.publish(queue, {
      messageId: fires[0]!.runId,
      body: options.sweepBatches ? { fires } : fires[0],
    });

  const firstPublishAt = Date.now();
  const burst = Array.from({ length: options.burst }, (_, i) => `b${String(i).padStart(4, '0')}`);
  const size = options.sweepBatches ? MAX_BATCH_FIRES : 1;
  const messages: ExecutionRequested[][] = [];
  for (let i = 0; i < burst.length; i += size)
    messages.push(burst.slice(i, i + size).map((runId) => fire(busy, runId)));
  for (let i = 0; i < messages.length; i += 50) await Promise.all(messages.slice(i, i + 50).map(publish));
  const quietPublishedAt = Date.now();
  await publish([fire(quiet, 'q0001')]);

  const outcomes: Record<AdmissionOutcome, number> = {
    started: 0,
    duplicate: 0,
    'over-quota': 0,
    skipped: 0,
    waiting: 0,
  };
  let maxDequeueCount = 0;
  const total = options.burst + 1;

  /** One consumer instance: receives a batch, admits each message at once, deletes each one handled. */
  async function consume() {
    while (ended < total) {
      const { receivedMessageItems } = await queueClient.receiveMessages({
        numberOfMessages: options.batchSize,
        visibilityTimeout: 60,
      });
      if (!receivedMessageItems.length) {
        // A message still on the queue (invisible while it waits, or being handled) counts here, and a
        // re-offer is sent before its message is deleted: nothing queued and nothing running means lost.
        const queued = (await queueClient.getProperties()).approximateMessagesCount ?? 0;
        if (queued === 0 && started.size === ended && ended < total)
          throw new Error(`fires lost: ${total - ended} of ${total} never ran and none is queued`);
        await pause(100);
      }
      await Promise.all(
        receivedMessageItems.map(async (item) => {
          maxDequeueCount = Math.max(maxDequeueCount, item.dequeueCount);
          const envelope = JSON.parse(Buffer.from(item.messageText, 'base64').toString('utf8')) as {
            body: unknown;
          };
          const message = ExecutionQueueMessage.parse(envelope.body);
          const admitted =
            'fires' in message
              ? (await admitExecutionBatch(deps, message)).map((a) => a.outcome)
              : [await admitExecutionRequest(deps, message)];
          for (const outcome of admitted) outcomes[outcome]++;
          await queueClient.deleteMessage(item.messageId, item.popReceipt);
        }),
      );
    }
  }
  const progress = setInterval(
    () => options.onProgress?.({ started: started.size, ended, waiting: outcomes.waiting }),
    1_000,
  );
  try {
    await Promise.all(Array.from({ length: options.consumers }, consume));
  } finally {
    clearInterval(progress);
  }
  await Promise.all(endings);

  const busyStatuses: Record<string, number> = {};
  for (const runId of burst) {
    const status = (await repos.runs.get(busy, runId))?.doc.status ?? 'missing';
    busyStatuses[status] = (busyStatuses[status] ?? 0) + 1;
  }
  const now = new Date();
  const result: BurstResult = {
    busy,
    quiet,
    busyStarts,
    busyWaitingAtQuietStart,
    quietDelayMs: (quietStartedAt ?? NaN) - quietPublishedAt,
    drainMs: lastEndAt - firstPublishAt,
    outcomes,
    busyGaugePeak,
    maxDequeueCount,
    busyStatuses,
    quietStatus: (await repos.runs.get(quiet, 'q0001'))?.doc.status,
    slotsHeldAfter: { busy: await slots.held(busy, now), quiet: await slots.held(quiet, now) },
  };
  await queueClient.deleteIfExists();
  return result;
}
