import { describe, expect, it } from 'vitest';
import { DeliveryRecord } from '../../contracts/delivery';
import { AppError } from '../../domain/errors';
import { deliver } from './deliver';
import { planDeliveries } from './plan-deliveries';
import { createDeliveryTestKit } from './testing/delivery-test-kit';

const recipients = ['ana@example.com', 'bo@example.com', 'cy@example.com'];

async function plannedEmail(kit = createDeliveryTestKit()) {
  const seeded = await kit.seedRun({ email: { recipients } });
  const { deliveryIds } = await planDeliveries(kit.deps, seeded.ref);
  return { kit, seeded, deliveryIds };
}

describe('the delivery ledger', () => {
  it('plans one pending record per recipient, and the same ids again on a replay', async () => {
    const { kit, seeded, deliveryIds } = await plannedEmail();
    expect(deliveryIds).toHaveLength(3);
    expect(await planDeliveries(kit.deps, seeded.ref)).toEqual({ deliveryIds });
    const page = await kit.deps.ledger.list(kit.tenantId, {
      index: 'byRun',
      prefix: `${seeded.run.id}|`,
      limit: 10,
    });
    expect(page.items.map((d) => d.recipient).sort()).toEqual(recipients);
    expect(page.items.every((d) => d.status === 'pending' && d.attempts === 0)).toBe(true);
  });

  it('sends once: a sent delivery is never sent again (replay, duplicate, redrive of a sent one)', async () => {
    const { kit, deliveryIds } = await plannedEmail();
    const request = { tenantId: kit.tenantId, deliveryId: deliveryIds[0]!, final: false };
    expect(await deliver(kit.deps, request)).toEqual({ status: 'sent', replayed: false });
    expect(await deliver(kit.deps, request)).toEqual({ status: 'sent', replayed: true });
    expect(await deliver(kit.deps, { ...request, final: true })).toEqual({ status: 'sent', replayed: true });
    expect(kit.channels.email.sends.map((s) => s.deliveryId)).toEqual([deliveryIds[0]]);
    const stored = (await kit.deps.ledger.get(kit.tenantId, deliveryIds[0]!))!.doc;
    expect(DeliveryRecord.parse(stored)).toMatchObject({
      status: 'sent',
      attempts: 1,
      statusCode: 250,
      error: null,
    });
    expect(stored.sentAt).not.toBeNull();
    expect(stored.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('lets only one of two concurrent attempts send; the other waits for the lease', async () => {
    const { kit, deliveryIds } = await plannedEmail();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    kit.channels.email.script.push(() => gate);
    const request = { tenantId: kit.tenantId, deliveryId: deliveryIds[0]!, final: false };
    const both = [deliver(kit.deps, request), deliver(kit.deps, request)];
    // Whichever lost the claim answers while the winner is still inside send.
    const loser = await Promise.race(both);
    expect(loser).toMatchObject({ status: 'retry', attempted: false });
    release();
    const outcomes = await Promise.all(both);
    expect(kit.channels.email.sends).toHaveLength(1);
    expect(outcomes).toContainEqual({ status: 'sent', replayed: false });
    expect(outcomes).toContainEqual(expect.objectContaining({ status: 'retry', attempted: false }));
  });

  it('after a crash between the send and the receipt, resends with the same delivery id once the lease expired', async () => {
    const kit = createDeliveryTestKit();
    let now = new Date();
    kit.deps.clock = () => now;
    const realReplace = kit.deps.ledger.replace.bind(kit.deps.ledger);
    let crashOnce = true;
    kit.deps.ledger = {
      ...kit.deps.ledger,
      replace: (tenantId, doc, etag) => {
        if (doc.status === 'sent' && crashOnce) {
          crashOnce = false;
          return Promise.reject(new Error('process killed before the receipt was written'));
        }
        return realReplace(tenantId, doc, etag);
      },
    };
    const { deliveryIds } = await plannedEmail(kit);
    const request = { tenantId: kit.tenantId, deliveryId: deliveryIds[0]!, final: false };
    await expect(deliver(kit.deps, request)).rejects.toThrow(/process killed/);
    expect((await kit.deps.ledger.get(kit.tenantId, request.deliveryId))!.doc.status).toBe('sending');

    // Within the lease the claim may still be live: no second send.
    expect(await deliver(kit.deps, request)).toMatchObject({ status: 'retry', attempted: false });
    expect(kit.channels.email.sends).toHaveLength(1);

    now = new Date(now.getTime() + kit.deps.sendLeaseMs + 1);
    expect(await deliver(kit.deps, request)).toEqual({ status: 'sent', replayed: false });
    const sends = kit.channels.email.sends;
    expect(sends).toHaveLength(2);
    expect(sends[1]!.deliveryId).toBe(sends[0]!.deliveryId);
    expect(sends[1]!.delivery.subject).toBe(sends[0]!.delivery.subject);
    expect((await kit.deps.ledger.get(kit.tenantId, request.deliveryId))!.doc).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('retries transient failures with capped backoff or Retry-After, dead-letters on the final attempt', async () => {
    const { kit, deliveryIds } = await plannedEmail();
    const request = { tenantId: kit.tenantId, deliveryId: deliveryIds[0]!, final: false };
    kit.channels.email.script.push(
      'transient',
      { retryAfterMs: 30_000 },
      'transient',
      'transient',
      'transient',
    );
    expect(await deliver(kit.deps, request)).toEqual({ status: 'retry', afterMs: 1_000, attempted: true });
    expect(await deliver(kit.deps, request)).toEqual({ status: 'retry', afterMs: 30_000, attempted: true });
    expect(await deliver(kit.deps, request)).toEqual({ status: 'retry', afterMs: 4_000, attempted: true });
    expect(await deliver(kit.deps, request)).toEqual({ status: 'retry', afterMs: 8_000, attempted: true });
    const stored = (await kit.deps.ledger.get(kit.tenantId, request.deliveryId))!.doc;
    expect(stored).toMatchObject({
      status: 'pending',
      attempts: 4,
      statusCode: 503,
      error: { code: 'HTTP_503' },
    });
    const last = await deliver(kit.deps, { ...request, final: true });
    expect(last).toMatchObject({ status: 'dead', error: { code: 'HTTP_503' } });
    expect(kit.deadLettered).toEqual([request.deliveryId]);
    // Dead is final until a redrive: another call sends nothing.
    expect(await deliver(kit.deps, request)).toMatchObject({ status: 'dead' });
    expect(kit.channels.email.sends).toHaveLength(5);
    const metrics = await kit.metrics.registry.getSingleMetricAsString('delivery_attempts_total');
    expect(metrics).toContain('delivery_attempts_total{channel="email",status="retry"} 5');
    expect(metrics).toContain('delivery_attempts_total{channel="email",status="dead"} 1');
  });

  it('does not retry a permanent failure', async () => {
    const { kit, deliveryIds } = await plannedEmail();
    kit.channels.email.script.push('permanent');
    const request = { tenantId: kit.tenantId, deliveryId: deliveryIds[0]!, final: false };
    expect(await deliver(kit.deps, request)).toMatchObject({ status: 'failed', error: { code: 'HTTP_410' } });
    expect(await deliver(kit.deps, request)).toMatchObject({ status: 'failed' });
    expect(kit.channels.email.sends).toHaveLength(1);
    expect(kit.deadLettered).toEqual([]);
  });

  it('records an unexpected error as a message for the tenant and keeps its text out of the ledger', async () => {
    const { kit, deliveryIds } = await plannedEmail();
    kit.channels.email.script.push(() =>
      Promise.reject(new Error("EACCES: open '/srv/app/.data/spool/x' at send (/srv/app/dist/x.js:1:2)")),
    );
    const request = { tenantId: kit.tenantId, deliveryId: deliveryIds[0]!, final: false };
    expect(await deliver(kit.deps, request)).toMatchObject({ status: 'retry' });
    const stored = (await kit.deps.ledger.get(kit.tenantId, deliveryIds[0]!))!.doc;
    expect(stored.error).toEqual({
      code: 'SEND_ERROR',
      message: 'The delivery failed on our side; it will be retried',
    });
  });

  it('records the latency histogram of a sent delivery', async () => {
    const { kit, deliveryIds } = await plannedEmail();
    await deliver(kit.deps, { tenantId: kit.tenantId, deliveryId: deliveryIds[1]!, final: false });
    const text = await kit.metrics.registry.getSingleMetricAsString('delivery_latency_seconds');
    expect(text).toContain('delivery_latency_seconds_count{channel="email"} 1');
  });

  it('answers missing for an unknown delivery and throws storage errors for the activity retry', async () => {
    const kit = createDeliveryTestKit();
    expect(await deliver(kit.deps, { tenantId: kit.tenantId, deliveryId: 'nope', final: false })).toEqual({
      status: 'missing',
    });
    kit.deps.ledger = {
      ...kit.deps.ledger,
      get: () => Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'down')),
    };
    await expect(
      deliver(kit.deps, { tenantId: kit.tenantId, deliveryId: 'x', final: false }),
    ).rejects.toThrow('down');
  });
});
