import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutboundHttpClient } from '../http/outbound-http-client';
import { createOutboundPolicy } from '../http/outbound-policy';
import { createSlackChannel } from './slack-channel';
import {
  startLoopbackReceiver,
  type LoopbackReceiver,
  type ReceivedRequest,
} from './testing/loopback-receiver';
import { sampleAttachment, failureOf, sampleDelivery } from './testing/sample-delivery';

// A fake Slack on loopback: the Web API methods, the upload URL it hands out, and an incoming webhook.
let slack: LoopbackReceiver;
/** A Slack `error` to answer the next Web API call with (`ok: false`), or an HTTP status for the webhook. */
let apiError: string | undefined;
let webhookStatus = 200;

beforeAll(async () => {
  slack = await startLoopbackReceiver((req, res) => {
    const json = (body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const path = req.path.split('?')[0];
    if (path === '/hooks/T1/B1') {
      res
        .writeHead(webhookStatus, { 'content-type': 'text/plain' })
        .end(webhookStatus === 200 ? 'ok' : 'no_service');
    } else if (path === '/upload/F123') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${req.body.length}`);
    } else if (apiError) {
      json({ ok: false, error: apiError }, apiError === 'ratelimited' ? { 'retry-after': '12' } : {});
    } else if (path === '/api/files.getUploadURLExternal') {
      json({ ok: true, upload_url: `${slack.base}/upload/F123`, file_id: 'F123' });
    } else if (path === '/api/files.completeUploadExternal') {
      json({ ok: true, files: [{ id: 'F123', title: 'x' }] });
    } else if (path === '/api/chat.postMessage') {
      json({ ok: true, channel: 'C1', ts: '1700000000.000100' });
    } else res.writeHead(404).end();
  });
});
beforeEach(() => {
  apiError = undefined;
  webhookStatus = 200;
  slack.received.length = 0;
});
afterAll(() => slack.close());

const channel = (allowlist = [slack.hostPort]) =>
  createSlackChannel({
    http: createOutboundHttpClient({ policy: createOutboundPolicy({ allowlist }) }),
    apiBaseUrl: `${slack.base}/api`,
  });
const bot = { kind: 'slack' as const, mode: 'bot' as const, botToken: 'xoxb-test-token', channel: 'C1' };
const json = (r: ReceivedRequest) => JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;

describe('Slack channel', () => {
  it('webhook mode posts Block Kit: a header with the subject, the text, a button to the download', async () => {
    const delivery = sampleDelivery({
      kind: 'slack',
      mode: 'webhook',
      webhookUrl: `${slack.base}/hooks/T1/B1`,
    });
    const receipt = await channel().send(delivery);
    expect(receipt.statusCode).toBe(200);
    const [posted] = slack.received;
    expect(posted!.headers.authorization).toBeUndefined();
    const { blocks } = json(posted!) as { blocks: Record<string, any>[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON under test
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: delivery.subject } });
    expect(blocks[1]).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text: delivery.text } });
    expect(blocks[2]).toMatchObject({
      type: 'actions',
      elements: [{ type: 'button', url: delivery.downloadUrl }],
    });
  });

  it('bot mode uploads the file with the external upload flow: three calls, the exact bytes', async () => {
    const bytes = Buffer.from('region,total\nnorth,1\nsouth,2\n');
    const delivery = sampleDelivery(bot, { attachment: sampleAttachment(bytes) });
    const receipt = await channel().send(delivery);
    expect(receipt).toMatchObject({ statusCode: 200, providerMessageId: 'F123' });

    const [ticket, upload, complete, ...rest] = slack.received;
    expect(rest).toEqual([]);
    expect(ticket!.path).toBe('/api/files.getUploadURLExternal');
    expect(ticket!.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(Object.fromEntries(new URLSearchParams(ticket!.body.toString()))).toEqual({
      filename: 'sales.csv',
      length: String(bytes.length),
    });
    expect(upload!.path).toBe('/upload/F123');
    expect(upload!.body.equals(bytes)).toBe(true);
    expect(upload!.headers.authorization).toBeUndefined();
    expect(complete!.path).toBe('/api/files.completeUploadExternal');
    expect(complete!.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(json(complete!)).toEqual({
      files: [{ id: 'F123', title: delivery.subject }],
      channel_id: 'C1',
      initial_comment: `${delivery.text}\n${delivery.downloadUrl}`,
    });
  });

  it('bot mode without an attachment posts the link with chat.postMessage', async () => {
    const delivery = sampleDelivery(bot);
    expect(await channel().send(delivery)).toMatchObject({ providerMessageId: '1700000000.000100' });
    expect(slack.received.map((r) => r.path)).toEqual(['/api/chat.postMessage']);
    expect(json(slack.received[0]!)).toMatchObject({
      channel: 'C1',
      text: expect.stringContaining(delivery.downloadUrl),
    });
  });

  it('maps ok:false — ratelimited (with Retry-After) and internal_error transient, auth and channel errors permanent', async () => {
    apiError = 'ratelimited';
    expect(await failureOf(channel().send(sampleDelivery(bot)))).toMatchObject({
      permanent: false,
      details: { code: 'ratelimited', retryAfterMs: 12_000 },
    });
    apiError = 'internal_error';
    expect((await failureOf(channel().send(sampleDelivery(bot)))).permanent).toBe(false);
    for (const error of ['invalid_auth', 'channel_not_found', 'not_in_channel', 'token_revoked']) {
      apiError = error;
      const failure = await failureOf(
        channel().send(sampleDelivery(bot, { attachment: sampleAttachment(Buffer.from('x')) })),
      );
      expect(failure).toMatchObject({ permanent: true, details: { code: error } });
    }
  });

  it('maps webhook answers by status, and refuses a webhook URL the SSRF guard does not allow', async () => {
    const hook = sampleDelivery({ kind: 'slack', mode: 'webhook', webhookUrl: `${slack.base}/hooks/T1/B1` });
    webhookStatus = 404;
    expect(await failureOf(channel().send(hook))).toMatchObject({
      permanent: true,
      details: { statusCode: 404 },
    });
    webhookStatus = 503;
    expect((await failureOf(channel().send(hook))).permanent).toBe(false);

    slack.received.length = 0;
    const refused = await failureOf(channel([]).send(hook));
    expect(refused).toMatchObject({ permanent: true, details: { code: 'OUTBOUND_BLOCKED' } });
    expect(slack.received).toEqual([]);
  });
});
