import { QueueClient } from '@azure/storage-queue';
import { freePort, startAzurite } from '../../local/azurite/start-azurite';
import { readHostJson } from '../../local/host/read-host-json';
import { createQueueListener } from '../../local/queues/queue-listener';
import { decodeMessageText } from '../../local/queues/queue-message';
import { parseServiceBusEnvelope } from '../../local/queues/service-bus-envelope';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import { createTableExecutionQuota } from '../../shared/adapters/table/table-execution-quota';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableScheduleStateStore } from '../../shared/adapters/table/table-schedule-state-store';
import { createTableDueIndex, createTableFireGates } from '../../shared/adapters/table/table-scheduler-store';
import { createTableService } from '../../shared/adapters/table/table-service';
import { admitExecutionBatch } from '../../shared/app/runs/admit-execution-batch';
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import { storeNewSchedule } from '../../shared/app/schedules/store-new-schedule';
import { forEachConcurrently } from '../../shared/app/sweep/for-each-concurrently';
import { sweepDueSchedules } from '../../shared/app/sweep/sweep-due-schedules';
import { ExecutionQueueMessage, executionQueueName } from '../../shared/contracts/run-messages';
import { loadAverage } from './load-average';
import { ZONES } from './bench-schedules';
import { countingTableService } from './counting-tables';

export interface PathLag {
  fireTime: string;
  count: number;
  /** Fire time → the consumer use case finished (run row written, orchestration start requested), ms. */
  consumed: number[];
  /** Fire time → the listener handed the message to the function (queueing: visibility, polling, slots), ms. */
  dequeued: number[];
  /** Calls in flight at most (host.json serviceBus.maxConcurrentCalls) and Table requests per fire consumed. */
  maxConcurrentCalls: number;
  tableRequestsPerFire: number;
  /** Consumer path per fire consumed: Table requests (a batch is one) + queue receives that got messages + deletes. */
  requestsPerFire: number;
  /** Queue messages the consumer handled. */
  messages: number;
  /** 1-minute load average when the fires came due and when the last was consumed. */
  load: [number, number];
  batch: boolean;
  spread: boolean;
  /** How long before its fire time each message was published (the sweep's margin), ms. */
  publishedAhead: number[];
}

/** Counts the listener's queue requests that the consumer path pays for: receives that got messages, and deletes. */
function countQueueRequests(queue: QueueClient) {
  const count = {
    receivesWithMessages: 0,
    deletes: 0,
    reset() {
      count.receivesWithMessages = 0;
      count.deletes = 0;
    },
  };
  const receive = queue.receiveMessages.bind(queue);
  const remove = queue.deleteMessage.bind(queue);
  queue.receiveMessages = async (...args) => {
    const received = await receive(...args);
    if (received.receivedMessageItems.length > 0) count.receivesWithMessages++;
    return received;
  };
  queue.deleteMessage = (...args) => {
    count.deletes++;
    return remove(...args);
  };
  return count;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const localHourMinute = (zone: string, at: Date) =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' })
    .formatToParts(at)
    .filter((p) => p.type === 'hour' || p.type === 'minute')
    .map((p) => Number(p.value));

/**
 * The scheduler's own path, without the Durable engine's load: `count` schedules due in one minute; the real
 * sweep every 10 s on the wall clock (as the timer runs it: look-ahead 60 s); the Storage queue; the local host's
 * queue listener serving it as the host serves a Service Bus trigger (host.json `serviceBus.maxConcurrentCalls`); the
 * real consumer use case (`admitExecutionRequest`: the run row and its daily count in one transaction, then the
 * orchestration start — recorded here, not executed). Measured: fire time → consumer done, per fire.
 */
export async function measureSchedulerPathLag(
  projectRoot: string,
  options: { batch: boolean; spread: boolean; count?: number; tenants?: number },
): Promise<PathLag> {
  const { batch, spread, count = 1000, tenants = 100 } = options;
  const azurite = await startAzurite({
    location: '',
    inMemory: true,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  const base = createTableService({ connectionString: azurite.connectionString });
  const counter = countingTableService(base);
  const tables = counter.tables;
  // The consumer's own clients, so its requests are counted apart from the sweep's.
  const consumerCounter = countingTableService(base);
  const consumerRepos = createTableRepositories(consumerCounter.tables);
  const repos = createTableRepositories(tables);
  const dueIndex = createTableDueIndex(tables);
  const clock = () => new Date();
  const bus = createStorageQueueMessageBus({ connectionString: azurite.connectionString }, clock);
  const published = new Map<string, number>();
  const consumed = new Map<string, number>();
  const dequeued: number[] = [];
  // The daily execution quota, as the real consumer counts it (no tenant rows: the standard tier's limit): it
  // writes a scheduled fire's run row with its count, through the consumer's counted tables like its repos.
  const quota = createTableExecutionQuota(consumerCounter.tables, {
    tierOf: () => Promise.resolve('standard'),
  });
  // The first fire on a 10-second mark once seeding is surely done; spread: one fire a second for a minute.
  const fire = new Date(Math.ceil((Date.now() + 45_000) / 10_000) * 10_000);
  const fireOf = (i: number) => new Date(fire.getTime() + (spread ? (i % 60) * 1000 : 0));
  const at = new Date().toISOString();
  await forEachConcurrently(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) => {
      const zone = ZONES[i % ZONES.length]!;
      const fireAt = fireOf(i);
      const [hour, minute] = localHourMinute(zone, fireAt);
      await storeNewSchedule(
        { repos, dueIndex, clock },
        {
          id: `path-${i}`,
          // Spread: a tenant's fires are consecutive, so no tenant has two fires in the same second (the
          // worst case for batching); at one instant every tenant has count / tenants fires.
          tenantId: `path-t${spread ? Math.floor(i / (count / tenants)) : i % tenants}`,
          reportId: 'r',
          rule: {
            kind: 'cron',
            expression: `${fireAt.getUTCSeconds()} ${minute} ${hour} * * *`,
            timezone: zone,
          },
          active: true,
          createdBy: 'bench',
          createdAt: at,
          updatedAt: at,
        },
      );
    },
  );

  const queue = new QueueClient(azurite.connectionString, executionQueueName);
  await queue.createIfNotExists();
  const queueCount = countQueueRequests(queue);
  let messages = 0;
  const started = new Set<string>();
  const hostJson = readHostJson(projectRoot);
  const listener = createQueueListener({
    functionName: 'executionRequested',
    queue,
    poisonQueue: new QueueClient(azurite.connectionString, `${executionQueueName}-poison`),
    settings: { ...hostJson.queues, maxDequeueCount: 10 },
    maxConcurrentCalls: hostJson.serviceBus.maxConcurrentCalls, // a Service Bus trigger, as the host serves it
    decode: (text) => decodeMessageText(text, hostJson.queues.messageEncoding),
    log: () => undefined,
    async handle(_message, body) {
      const message = ExecutionQueueMessage.parse(parseServiceBusEnvelope(body)?.body);
      const fires = 'fires' in message ? message.fires : [message];
      messages++;
      for (const f of fires) dequeued.push(Date.now() - Date.parse(f.fireTime!));
      const deps = {
        repos: consumerRepos,
        clock,
        quota,
        orchestrations: {
          exists: (id: string) => Promise.resolve(started.has(id)),
          start: (_name: string, id: string) => Promise.resolve(void started.add(id)),
        },
      };
      if ('fires' in message) await admitExecutionBatch(deps, message);
      else await admitExecutionRequest(deps, message);
      for (const f of fires) consumed.set(f.runId, Date.now() - Date.parse(f.fireTime!));
    },
  });
  listener.start();

  const sweepDeps = {
    repos,
    schedules: createTableScheduleStateStore(tables),
    dueIndex,
    gates: createTableFireGates(tables),
    bus: {
      ping: () => bus.ping(),
      publish: async (name: string, message: Parameters<typeof bus.publish>[1]) => {
        await bus.publish(name, message);
        published.set(message.messageId, message.scheduledFor!.getTime() - Date.now());
      },
    },
    clock,
    executionQueue: executionQueueName,
    lookaheadSeconds: 60,
    batchFires: batch,
  };
  let sweeping = true;
  const sweeps = (async () => {
    while (sweeping) {
      await sleep(10_000 - (Date.now() % 10_000)); // on the timer's */10 seconds
      if (sweeping) await sweepDueSchedules(sweepDeps);
    }
  })();
  await sleep(Math.max(0, fire.getTime() - 2_000 - Date.now())); // the first messages are not visible before this
  consumerCounter.reset();
  queueCount.reset();
  const loadAtFire = loadAverage();
  const deadline = fire.getTime() + 150_000;
  while (consumed.size < count && Date.now() < deadline) await sleep(250);
  const loadAtEnd = loadAverage();
  const tableRequests = consumerCounter.count.requests;
  const queueRequests = queueCount.receivesWithMessages + queueCount.deletes;
  sweeping = false;
  await listener.stop();
  await sweeps;
  await azurite.stop();
  return {
    fireTime: fire.toISOString(),
    count,
    consumed: [...consumed.values()],
    dequeued,
    maxConcurrentCalls: hostJson.serviceBus.maxConcurrentCalls,
    tableRequestsPerFire: tableRequests / Math.max(1, consumed.size),
    requestsPerFire: (tableRequests + queueRequests) / Math.max(1, consumed.size),
    messages,
    load: [loadAtFire, loadAtEnd],
    batch,
    spread,
    publishedAhead: [...published.values()],
  };
}
