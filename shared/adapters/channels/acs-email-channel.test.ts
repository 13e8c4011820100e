import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAcsEmailChannel } from './acs-email-channel';
import { ACS_MAX_ATTACHMENT_BYTES, acsOperationId } from './acs-email-message';
import { startLoopbackReceiver, type LoopbackReceiver } from './testing/loopback-receiver';
import { sampleAttachment, failureOf, sampleDelivery } from './testing/sample-delivery';

// Azure cannot be reached here: a loopback HTTP server plays the ACS Email REST API (send → 202 with
// Operation-Location → poll), and the real SDK (@azure/communication-email) talks to it.
type Mode = 'ok' | 'running' | 'failed' | { status: number; retryAfter?: string };
let mode: Mode = 'ok';
let acs: LoopbackReceiver;
const fixedNow = new Date('2026-11-28T12:00:00Z');

beforeAll(async () => {
  acs = await startLoopbackReceiver((req, res) => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const opId = String(req.headers['operation-id'] ?? 'op');
    if (req.method === 'POST' && req.path.startsWith('/emails:send')) {
      if (typeof mode === 'object')
        return json(
          mode.status,
          { error: { code: 'TooManyRequests', message: 'slow down' } },
          mode.retryAfter ? { 'retry-after': mode.retryAfter } : {},
        );
      return json(
        202,
        { id: opId, status: 'Running' },
        { 'operation-location': `${acs.base}/emails/operations/${opId}?api-version=2025-09-01` },
      );
    }
    const id = req.path.split('/').pop()?.split('?')[0];
    if (mode === 'running') return json(200, { id, status: 'Running' });
    if (mode === 'failed')
      return json(200, {
        id,
        status: 'Failed',
        error: { code: 'EmailDroppedAllRecipientsSuppressed', message: 'suppressed' },
      });
    return json(200, { id, status: 'Succeeded' });
  });
});
beforeEach(() => {
  mode = 'ok';
  acs.received.length = 0;
});
afterAll(() => acs.close());

const channel = (maxPollMs?: number) =>
  createAcsEmailChannel({
    connection: {
      connectionString: `endpoint=${acs.base}/;accesskey=${Buffer.from('test-key').toString('base64')}`,
    },
    senderAddress: 'DoNotReply@reports.example.test',
    allowInsecureConnection: true,
    pollIntervalMs: 10,
    clock: () => fixedNow,
    ...(maxPollMs ? { maxPollMs } : {}),
  });
const to = (address: string) => ({ kind: 'email' as const, to: address });

describe('ACS email channel (against a loopback stand-in of the ACS REST API)', () => {
  it('sends one recipient, both parts and the attachment, with repeatability ids from the delivery id', async () => {
    const bytes = Buffer.from('region,total\nnorth,1\n');
    const firstAttemptAt = new Date(fixedNow.getTime() - 60_000);
    const delivery = sampleDelivery(to('ada@example.test'), {
      attachment: sampleAttachment(bytes),
      firstAttemptAt,
    });
    const receipt = await channel().send(delivery);
    const operationId = acsOperationId(delivery.deliveryId);
    expect(operationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(receipt).toMatchObject({ statusCode: 200, providerMessageId: operationId });

    const send = acs.received.find((r) => r.method === 'POST')!;
    expect(send.path).toMatch(/^\/emails:send\?api-version=\d{4}-\d{2}-\d{2}/);
    expect(send.headers).toMatchObject({
      'operation-id': operationId,
      'repeatability-request-id': operationId,
      'repeatability-first-sent': firstAttemptAt.toUTCString(),
    });
    expect(String(send.headers.authorization)).toMatch(/^HMAC-SHA256 SignedHeaders=/);
    expect(JSON.parse(send.body.toString('utf8'))).toEqual({
      senderAddress: 'DoNotReply@reports.example.test',
      recipients: { to: [{ address: 'ada@example.test' }] },
      content: { subject: delivery.subject, plainText: delivery.text, html: delivery.html },
      attachments: [
        { name: 'sales.csv', contentType: 'text/csv', contentInBase64: bytes.toString('base64') },
      ],
      userEngagementTrackingDisabled: true, // the wire name of disableUserEngagementTracking
    });
    expect(
      acs.received.some((r) => r.method === 'GET' && r.path.startsWith(`/emails/operations/${operationId}`)),
    ).toBe(true);
  });

  it('repeats the same ids on a resend, and sends now as first-sent once the 5-minute window is past', async () => {
    const old = sampleDelivery(to('bo@example.test'), {
      firstAttemptAt: new Date(fixedNow.getTime() - 10 * 60_000),
    });
    await channel().send(old);
    await channel().send(old);
    const sends = acs.received.filter((r) => r.method === 'POST');
    expect(sends.map((r) => r.headers['operation-id'])).toEqual([
      acsOperationId(old.deliveryId),
      acsOperationId(old.deliveryId),
    ]);
    expect(sends.map((r) => r.headers['repeatability-first-sent'])).toEqual([
      fixedNow.toUTCString(),
      fixedNow.toUTCString(),
    ]);
    expect(acsOperationId('another-delivery')).not.toBe(acsOperationId(old.deliveryId));
  });

  it('maps 429 (with Retry-After), 5xx and 409 to transient and other 4xx to permanent', async () => {
    mode = { status: 429, retryAfter: '30' };
    expect(await failureOf(channel().send(sampleDelivery(to('c@example.test'))))).toMatchObject({
      permanent: false,
      details: { statusCode: 429, retryAfterMs: 30_000 },
    });
    for (const status of [500, 503, 409]) {
      mode = { status };
      expect((await failureOf(channel().send(sampleDelivery(to('c@example.test'))))).permanent).toBe(false);
    }
    for (const status of [400, 401, 403]) {
      mode = { status };
      expect(await failureOf(channel().send(sampleDelivery(to('c@example.test'))))).toMatchObject({
        permanent: true,
        details: { statusCode: status },
      });
    }
  });

  it('maps an operation that ends Failed to permanent', async () => {
    mode = 'failed';
    expect((await failureOf(channel().send(sampleDelivery(to('d@example.test'))))).permanent).toBe(true);
  });

  it('keeps a send accepted when ACS is still running it at the polling bound', async () => {
    mode = 'running';
    const receipt = await channel(300).send(sampleDelivery(to('e@example.test')));
    expect(receipt).toMatchObject({ statusCode: 202 });
  });

  it('carries attachments up to the limit counted in base64, and refuses a request over 10 MB', async () => {
    expect(channel().maxAttachmentBytes).toBe(ACS_MAX_ATTACHMENT_BYTES);
    expect(Math.ceil(ACS_MAX_ATTACHMENT_BYTES / 3) * 4).toBeLessThanOrEqual(10 * 1024 * 1024);
    const atLimit = sampleAttachment(
      Buffer.alloc(ACS_MAX_ATTACHMENT_BYTES, 7),
      'big.bin',
      'application/octet-stream',
    );
    await channel().send(sampleDelivery(to('f@example.test'), { attachment: atLimit }));

    acs.received.length = 0;
    const over = sampleAttachment(Buffer.alloc(7_900_000, 7), 'big.bin', 'application/octet-stream');
    const failure = await failureOf(
      channel().send(sampleDelivery(to('f@example.test'), { attachment: over })),
    );
    expect(failure).toMatchObject({ permanent: true, details: { code: 'ATTACHMENT_TOO_LARGE' } });
    expect(acs.received).toEqual([]);
  });
});
