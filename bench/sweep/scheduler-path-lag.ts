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
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import { storeNewSchedule } from '../../shared/app/schedules/store-new-schedule';
import { forEachConcurrently } from '../../shared/app/sweep/for-each-concurrently';
import { sweepDueSchedules } from '../../shared/app/sweep/sweep-due-schedules';
import { ExecutionRequested, executionQueueName } from '../../shared/contracts/run-messages';
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
  /** How long before its fire time each message was published (the sweep's margin), ms. */
  publishedAhead: number[];
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
 * real consumer use case (`admitExecutionRequest`: the daily quota, the run row, then the orchestration start —
 * recorded here, not executed). Measured: fire time → consumer done, per fire.
 */
export async function measureSchedulerPathLag(
  projectRoot: string,
  count = 1000,
  tenants = 100,
): Promise<PathLag> {
  const azurite = await startAzurite({
    location: '',
    inMemory: true,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  const counter = countingTableService(createTableService({ connectionString: azurite.connectionString }));
  const tables = counter.tables;
  const repos = createTableRepositories(tables);
  const dueIndex = createTableDueIndex(tables);
  const clock = () => new Date();
  const bus = createStorageQueueMessageBus({ connectionString: azurite.connectionString }, clock);
  const published = new Map<string, number>();
  const consumed = new Map<string, number>();
  const dequeued: number[] = [];
  // The daily execution quota, as the real consumer counts it (no tenant rows: the standard tier's limit).
  const quota = createTableExecutionQuota(tables, { tierOf: () => Promise.resolve('standard') });
  const fire = new Date(Math.ceil((Date.now() + 75_000) / 60_000) * 60_000);
  const at = new Date().toISOString();
  await forEachConcurrently(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) => {
      const zone = ZONES[i % ZONES.length]!;
      const [hour, minute] = localHourMinute(zone, fire);
      await storeNewSchedule(
        { repos, dueIndex, clock },
        {
          id: `path-${i}`,
          tenantId: `path-t${i % tenants}`,
          reportId: 'r',
          rule: { kind: 'cron', expression: `${minute} ${hour} * * *`, timezone: zone },
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
      dequeued.push(Date.now() - fire.getTime());
      const request = ExecutionRequested.parse(parseServiceBusEnvelope(body)?.body);
      await admitExecutionRequest(
        {
          repos,
          clock,
          quota,
          orchestrations: {
            exists: (id) => Promise.resolve(started.has(id)),
            start: (_name, id) => Promise.resolve(void started.add(id)),
          },
        },
        request,
      );
      consumed.set(request.runId, Date.now());
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
  };
  let sweeping = true;
  const sweeps = (async () => {
    while (sweeping) {
      await sleep(10_000 - (Date.now() % 10_000)); // on the timer's */10 seconds
      if (sweeping) await sweepDueSchedules(sweepDeps);
    }
  })();
  await sleep(Math.max(0, fire.getTime() - 2_000 - Date.now())); // the last sweep before the fire is done by now
  const requestsBefore = counter.count.requests;
  const deadline = fire.getTime() + 90_000;
  while (consumed.size < count && Date.now() < deadline) await sleep(500);
  const tableRequests = counter.count.requests - requestsBefore;
  sweeping = false;
  await listener.stop();
  await sweeps;
  await azurite.stop();
  return {
    fireTime: fire.toISOString(),
    count,
    consumed: [...consumed.values()].map((t) => t - fire.getTime()),
    dequeued,
    maxConcurrentCalls: hostJson.serviceBus.maxConcurrentCalls,
    tableRequestsPerFire: tableRequests / Math.max(1, consumed.size),
    publishedAhead: [...published.values()],
  };
}
