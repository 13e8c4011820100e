import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueueTriggers, type QueueTriggers } from '../../local/queues/queue-triggers';
import {
  startLoopbackReceiver,
  type LoopbackReceiver,
} from '../../shared/adapters/channels/testing/loopback-receiver';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import {
  createSubscriptionServices,
  type SubscriptionServices,
} from '../../shared/adapters/subscriptions/create-subscription-services';
import { createTableService } from '../../shared/adapters/table/table-service';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { secretBoxFromSettings } from '../../shared/app/event-triggers/secret-box';
import { dispatchEvent } from '../../shared/app/subscriptions/dispatch-event';
import { eventId } from '../../shared/app/subscriptions/publish-event';
import {
  createSubscription,
  rotateSubscriptionSecret,
} from '../../shared/app/subscriptions/save-subscription';
import type { SubscriptionEvent, SubscriptionEventType } from '../../shared/contracts/subscription';
import type { DispatchLedger } from '../../shared/ports/subscription-stores';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { installDeps } from '../composition-root';
import { capturingLogger, loadFunctions, testConfig, testDeps } from '../http/testing/http-test-kit';

// A real HTTP receiver on 127.0.0.1 (allowlisted), the real queue functions served from Azurite queues
// by the local host's queue triggers, the real webhook channel through the SSRF-guarded client.
let receiver: LoopbackReceiver;
let triggers: QueueTriggers;
let services: SubscriptionServices;
let ledgerFaults = 0;
let uninstallDeps: (() => void) | undefined;
const log = capturingLogger();
/** Per receiver path: the statuses to answer, in order (then 204). */
const arrivedAt = new WeakMap<object, number>();
const script = new Map<string, { status: number; retryAfter?: string }[]>();

beforeAll(async () => {
  receiver = await startLoopbackReceiver((req, res) => {
    arrivedAt.set(req, Date.now());
    const next = script.get(req.path)?.shift() ?? { status: 204 };
    if (next.retryAfter) res.setHeader('retry-after', next.retryAfter);
    res.writeHead(next.status).end();
  });
  const connectionString = testConnectionString();
  const config = testConfig({
    AzureWebJobsStorage: connectionString,
    OUTBOUND_ALLOWLIST: receiver.hostPort,
    EVENT_TRIGGER_KEY: randomBytes(32).toString('base64'),
  });
  const tables = createTableService({ connectionString }, { prefix: uniqueName('sub') });
  const clock = () => new Date();
  const built = createSubscriptionServices({
    tables,
    audit: createTableRepositories(tables).audit,
    bus: createStorageQueueMessageBus({ connectionString }, clock),
    clock,
    secretBox: secretBoxFromSettings({ key: config.EVENT_TRIGGER_KEY, localMode: false }),
    outboundAllowlist: config.OUTBOUND_ALLOWLIST,
    publicBaseUrl: 'https://scheduler.example.test',
    retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 5_000 },
  });
  // Fault injection on the real ledger: the next `ledgerFaults` writes fail, as a crash after the send would.
  const ledger: DispatchLedger = {
    ...built.ledger,
    put: (tenantId, record) =>
      ledgerFaults-- > 0
        ? Promise.reject(new Error('injected: ledger down'))
        : built.ledger.put(tenantId, record),
  };
  services = { ...built, ledger };
  uninstallDeps = installDeps(testDeps(config, { logger: log.logger, subscriptions: services }));
  const app = await loadFunctions(() => import('./subscription-events.js'));
  triggers = createQueueTriggers({
    app,
    settings: { AzureWebJobsStorage: connectionString },
    queues: { maxPollingIntervalMs: 100, visibilityTimeoutMs: 0 },
    log: () => undefined,
  });
  await triggers.start();
});
afterAll(async () => {
  await triggers?.stop(5_000);
  uninstallDeps?.();
  await receiver?.close();
});

const admin = (tenantId: string) => ({ tenantId, userId: 'admin', roles: ['tenant_admin'] as const });

async function subscribe(tenantId: string, path: string, events: SubscriptionEventType[]) {
  const { subscription, secret } = await createSubscription(services, admin(tenantId), {
    url: `${receiver.base}${path}`,
    events,
  });
  return { id: subscription.doc.id, secret };
}

function sampleEvent(tenantId: string, type: SubscriptionEventType = 'run.failed'): SubscriptionEvent {
  const runId = uniqueName('run');
  return {
    id: eventId(type, tenantId, runId),
    type,
    tenantId,
    occurredAt: new Date().toISOString(),
    data: { run: { id: runId } },
  };
}

const requestsTo = (path: string) => receiver.received.filter((r) => r.path === path);

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 25_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const dispatchLog = (eventIdValue: string, outcome: string) =>
  log.lines.filter((l) => l.eventId === eventIdValue && l.outcome === outcome);

/** The receiver's own check, with nothing of ours: HMAC-SHA256 over "<t>.<raw body>". */
function verifiesIndependently(header: string, rawBody: Buffer, secret: string): boolean {
  const fields = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const mac = createHmac('sha256', secret).update(`${fields.t}.`).update(rawBody).digest('hex');
  return fields.v1 === mac;
}

describe('event subscriptions: dispatch through the queues to a real receiver', () => {
  it('retries a 503 after its Retry-After with the same event id; the signature verifies independently', async () => {
    const tenant = uniqueName('t');
    const path = `/hook/${uniqueName('p')}`;
    script.set(path, [{ status: 503, retryAfter: '2' }]);
    const { id, secret } = await subscribe(tenant, path, ['run.failed']);
    const event = sampleEvent(tenant);
    await services.publish(event);

    const [first, second] = await waitFor('two requests', () =>
      requestsTo(path).length >= 2 ? requestsTo(path) : undefined,
    );
    for (const got of [first!, second!]) {
      expect(got.headers['x-event-id']).toBe(event.id);
      expect(JSON.parse(got.body.toString('utf8'))).toEqual(event);
      expect(verifiesIndependently(String(got.headers['x-signature']), got.body, secret)).toBe(true);
      expect(verifiesIndependently(String(got.headers['x-signature']), got.body, 'whsec_wrong')).toBe(false);
    }
    const record = await waitFor('the sent record', async () => {
      const r = await services.ledger.get(tenant, id, event.id);
      return r?.status === 'sent' ? r : undefined;
    });
    expect(record).toMatchObject({ attempts: 2, statusCode: 204, eventType: 'run.failed', error: null });
    expect(dispatchLog(event.id, 'retrying')).toHaveLength(1);
    // Not sooner than the receiver asked (Retry-After: 2 s; our own backoff would be 1 s).
    expect(arrivedAt.get(second!)! - arrivedAt.get(first!)!).toBeGreaterThanOrEqual(2_000);
  });

  it('fans out to the subscriptions wanting the type only; a deleted one and another tenant get nothing', async () => {
    const tenant = uniqueName('t');
    const paths = {
      wants: `/a/${uniqueName('p')}`,
      other: `/b/${uniqueName('p')}`,
      gone: `/c/${uniqueName('p')}`,
    };
    await subscribe(tenant, paths.wants, ['artifact.created', 'run.succeeded']);
    await subscribe(tenant, paths.other, ['run.failed']);
    const gone = await subscribe(tenant, paths.gone, ['run.succeeded']);
    const stranger = `/d/${uniqueName('p')}`;
    await subscribe(uniqueName('t'), stranger, ['run.succeeded']);
    await services.subscriptions.remove(tenant, gone.id);

    const event = sampleEvent(tenant, 'run.succeeded');
    await services.publish(event);
    await waitFor('the fan-out', () => log.lines.some((l) => l.eventId === event.id && l.queued === 1));
    await waitFor('the delivery', () => requestsTo(paths.wants).length === 1);
    expect(requestsTo(paths.other)).toEqual([]);
    expect(requestsTo(paths.gone)).toEqual([]);
    expect(requestsTo(stranger)).toEqual([]);
  });

  it('publishing the same event again sends nothing more (the ledger knows it was sent)', async () => {
    const tenant = uniqueName('t');
    const path = `/dup/${uniqueName('p')}`;
    await subscribe(tenant, path, ['run.failed']);
    const event = sampleEvent(tenant);
    await services.publish(event);
    await waitFor('the first delivery', () => dispatchLog(event.id, 'sent').length === 1);
    await services.publish(event);
    await waitFor('the repeat to be dropped', () => dispatchLog(event.id, 'dropped').length === 1);
    expect(dispatchLog(event.id, 'dropped')[0]).toMatchObject({ reason: 'already_handled' });
    expect(requestsTo(path)).toHaveLength(1);
  });

  it('at least once: a crash between the send and its record redelivers the message, same event id', async () => {
    const tenant = uniqueName('t');
    const path = `/crash/${uniqueName('p')}`;
    const { id } = await subscribe(tenant, path, ['run.failed']);
    const event = sampleEvent(tenant);
    ledgerFaults = 1;
    await services.publish(event);
    await waitFor(
      'the sent record',
      async () => (await services.ledger.get(tenant, id, event.id))?.status === 'sent',
    );
    const got = requestsTo(path);
    expect(got).toHaveLength(2);
    expect(got.map((r) => r.headers['x-event-id'])).toEqual([event.id, event.id]);
  });

  it('a permanent 4xx is not retried; a receiver failing every time stops after maxAttempts', async () => {
    const tenant = uniqueName('t');
    const gonePath = `/gone/${uniqueName('p')}`;
    const downPath = `/down/${uniqueName('p')}`;
    script.set(gonePath, [{ status: 410 }]);
    script.set(downPath, [{ status: 500 }, { status: 500 }, { status: 500 }]);
    const gone = await subscribe(tenant, gonePath, ['run.failed']);
    const down = await subscribe(tenant, downPath, ['run.failed']);
    const event = sampleEvent(tenant);
    await services.publish(event);
    const failed = (subscriptionId: string) => async () => {
      const r = await services.ledger.get(tenant, subscriptionId, event.id);
      return r?.status === 'failed' ? r : undefined;
    };
    expect(await waitFor('the 410 recorded', failed(gone.id))).toMatchObject({
      attempts: 1,
      statusCode: 410,
    });
    expect(await waitFor('the last 500 recorded', failed(down.id))).toMatchObject({
      attempts: 3,
      statusCode: 500,
    });
    expect(requestsTo(gonePath)).toHaveLength(1);
    expect(requestsTo(downPath)).toHaveLength(3);
  });

  it('a subscription deleted after the fan-out queued its message is dropped, nothing is sent', async () => {
    const tenant = uniqueName('t');
    const path = `/late/${uniqueName('p')}`;
    const { id } = await subscribe(tenant, path, ['run.failed']);
    await services.subscriptions.remove(tenant, id);
    const event = sampleEvent(tenant);
    const outcome = await dispatchEvent(services, {
      tenantId: tenant,
      subscriptionId: id,
      attempt: 1,
      event,
    });
    expect(outcome).toEqual({ outcome: 'dropped', reason: 'unsubscribed' });
    expect(requestsTo(path)).toEqual([]);
    expect(await services.ledger.get(tenant, id, event.id)).toBeUndefined();
  });

  it('after a rotation, events carry a v1= per secret for 24 h, then only the new one', async () => {
    const tenant = uniqueName('t');
    const path = `/rotated/${uniqueName('p')}`;
    const { id, secret: old } = await subscribe(tenant, path, ['run.failed']);
    const { secret: fresh } = await rotateSubscriptionSecret(services, admin(tenant), id);
    const macsOf = (i: number) => {
      const got = requestsTo(path)[i]!;
      const parts = String(got.headers['x-signature'])
        .split(',')
        .map((p) => p.split('='));
      const t = parts.find(([k]) => k === 't')![1]!;
      const mac = (secret: string) =>
        createHmac('sha256', secret).update(`${t}.`).update(got.body).digest('hex');
      const v1s = parts.filter(([k]) => k === 'v1').map(([, v]) => v);
      return { v1s, mac };
    };
    const event = sampleEvent(tenant);
    expect(
      await dispatchEvent(services, { tenantId: tenant, subscriptionId: id, attempt: 1, event }),
    ).toMatchObject({
      outcome: 'sent',
    });
    const during = macsOf(0);
    expect(during.v1s).toEqual([during.mac(fresh), during.mac(old)]);

    const later = { ...services, clock: () => new Date(Date.now() + 25 * 3600 * 1000) };
    const next = sampleEvent(tenant);
    await dispatchEvent(later, { tenantId: tenant, subscriptionId: id, attempt: 1, event: next });
    const after = macsOf(1);
    expect(after.v1s).toEqual([after.mac(fresh)]);
  });
});
