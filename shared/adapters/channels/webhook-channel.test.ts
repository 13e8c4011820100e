import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../ports/delivery-channel';
import { createOutboundHttpClient } from '../http/outbound-http-client';
import { createOutboundPolicy } from '../http/outbound-policy';
import { failureOf, sampleDelivery } from './testing/sample-delivery';
import { startLoopbackReceiver, type LoopbackReceiver } from './testing/loopback-receiver';
import { createWebhookChannel } from './webhook-channel';

let receiver: LoopbackReceiver;
const fixedNow = new Date('2026-11-28T12:00:00Z');

beforeAll(async () => {
  receiver = await startLoopbackReceiver((req, res) => {
    const path = new URL(req.path, 'http://x').pathname;
    const status = Number(/^\/status\/(\d+)$/.exec(path)?.[1] ?? 204);
    if (path === '/slow') {
      setTimeout(() => res.end(), 2_000).unref();
      return;
    }
    const retryAfter = new URL(req.path, 'http://x').searchParams.get('retryAfter');
    if (retryAfter) res.setHeader('retry-after', retryAfter);
    res.writeHead(status).end();
  });
});
afterAll(() => receiver.close());

const channel = (allowlist = [receiver.hostPort], timeoutMs = 10_000) =>
  createWebhookChannel({
    http: createOutboundHttpClient({ policy: createOutboundPolicy({ allowlist }) }),
    clock: () => fixedNow,
    timeoutMs,
  });

const webhook = (path: string, signingSecrets = ['s3cret']) =>
  sampleDelivery({ kind: 'webhook', url: `${receiver.base}${path}`, signingSecrets });

describe('webhook channel', () => {
  it('POSTs the payload as JSON, signed over the exact bytes sent, with the event id', async () => {
    const delivery: Delivery = webhook('/hook', ['old-secret', 'new-secret']);
    const receipt = await channel().send(delivery);
    expect(receipt.statusCode).toBe(204);
    expect(receipt.latencyMs).toBeGreaterThanOrEqual(0);

    const got = receiver.received.at(-1)!;
    expect(got.method).toBe('POST');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-event-id']).toBe(delivery.deliveryId);
    expect(got.headers['user-agent']).toMatch(/report-scheduler/);
    expect(JSON.parse(got.body.toString('utf8'))).toEqual(delivery.payload);

    // The receiver's check, computed independently over the raw bytes received.
    const header = String(got.headers['x-signature']);
    const t = /^t=(\d+),/.exec(header)?.[1];
    expect(t).toBe(String(fixedNow.getTime() / 1000));
    const macs = [...header.matchAll(/v1=([0-9a-f]{64})/g)].map((m) => m[1]);
    for (const secret of ['old-secret', 'new-secret']) {
      const expected = createHmac('sha256', secret)
        .update(Buffer.concat([Buffer.from(`${t}.`), got.body]))
        .digest('hex');
      expect(macs).toContain(expected);
    }
  });

  it('sends the same event id on a retry of the same delivery', async () => {
    const delivery = webhook('/again');
    await channel().send(delivery);
    await channel().send(delivery);
    const ids = receiver.received.filter((r) => r.path === '/again').map((r) => r.headers['x-event-id']);
    expect(ids).toEqual([delivery.deliveryId, delivery.deliveryId]);
  });

  it('treats 5xx, 429 and 408 as transient and honours Retry-After in seconds and as a date', async () => {
    for (const status of [500, 502, 503, 408]) {
      const failure = await failureOf(channel().send(webhook(`/status/${status}`)));
      expect(failure).toMatchObject({ permanent: false, details: { statusCode: status } });
    }
    const seconds = await failureOf(channel().send(webhook('/status/429?retryAfter=7')));
    expect(seconds).toMatchObject({ permanent: false, details: { statusCode: 429, retryAfterMs: 7_000 } });

    const date = new Date(fixedNow.getTime() + 90_000).toUTCString();
    const dated = await failureOf(
      channel().send(webhook(`/status/503?retryAfter=${encodeURIComponent(date)}`)),
    );
    expect(dated.details.retryAfterMs).toBe(90_000);

    const huge = await failureOf(channel().send(webhook('/status/429?retryAfter=999999')));
    expect(huge.details.retryAfterMs).toBe(60 * 60 * 1000);
  });

  it('treats other 4xx as permanent', async () => {
    for (const status of [400, 401, 403, 404, 410, 422]) {
      const failure = await failureOf(channel().send(webhook(`/status/${status}?retryAfter=5`)));
      expect(failure.permanent).toBe(true);
      expect(failure.details).toMatchObject({ statusCode: status });
      expect(failure.details.retryAfterMs).toBeUndefined();
    }
  });

  it('treats a timeout and a refused connection as transient', async () => {
    const timedOut = await failureOf(channel(undefined, 300).send(webhook('/slow')));
    expect(timedOut).toMatchObject({ permanent: false, details: { code: 'timeout' } });

    const closed = await startLoopbackReceiver((_req, res) => res.end());
    const url = `${closed.base}/gone`;
    await closed.close();
    const refused = await failureOf(
      channel([closed.hostPort]).send(sampleDelivery({ kind: 'webhook', url, signingSecrets: ['s'] })),
    );
    expect(refused).toMatchObject({ permanent: false, details: { code: 'network' } });
  });

  it('refuses internal and plain-http URLs that are not allowlisted, permanently, without calling out', async () => {
    const before = receiver.received.length;
    for (const url of [
      `${receiver.base}/hook`,
      `https://${receiver.hostPort}/hook`,
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:127.0.0.1]/x',
      'https://localhost/x',
    ]) {
      const failure = await failureOf(
        channel([]).send(sampleDelivery({ kind: 'webhook', url, signingSecrets: ['s'] })),
      );
      expect(failure).toMatchObject({ permanent: true, details: { code: 'OUTBOUND_BLOCKED' } });
    }
    expect(receiver.received.length).toBe(before);
  });

  it('never sends an unsigned webhook', async () => {
    const before = receiver.received.length;
    const failure = await failureOf(channel().send(webhook('/hook', [])));
    expect(failure).toMatchObject({ permanent: true, details: { code: 'WEBHOOK_UNSIGNED' } });
    expect(receiver.received.length).toBe(before);
  });
});
