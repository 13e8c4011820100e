import {
  DeliveryFailure,
  type Delivery,
  type DeliveryChannel,
  type SendReceipt,
} from '../../ports/delivery-channel';
import type { OutboundHttpClient } from '../http/outbound-http-client';
import { failureFromError, failureFromStatus } from './http-send-outcome';
import { callSlack, type SlackCall } from './slack-api';
import { slackMessage } from './slack-message';

type Sent = Omit<SendReceipt, 'latencyMs'>;

export interface SlackChannelOptions {
  /** The one way out (SSRF guard): incoming-webhook URLs are tenant input. */
  http: OutboundHttpClient;
  /** `https://slack.com/api` by default (SLACK_API_BASE_URL); tests point it at a loopback fake. */
  apiBaseUrl?: string;
  /** Files up to this size are uploaded in bot mode (default 100 MB); larger ones go as a link. */
  maxAttachmentBytes?: number;
  timeoutMs?: number;
  clock?: () => Date;
  now?: () => number;
}

/**
 * Slack, two ways. Incoming webhook: one Block Kit message (subject, text, a Download button).
 * Bot token: with a file, the current external upload flow (`files.getUploadURLExternal` → POST the
 * bytes to `upload_url` → `files.completeUploadExternal`, which shares it in the channel with the text);
 * without one, `chat.postMessage` with the same blocks. Slack has no idempotency key: a retry after a
 * lost answer can post twice (the ledger keeps that window to one call).
 */
export function createSlackChannel(options: SlackChannelOptions): DeliveryChannel {
  const base = (options.apiBaseUrl ?? 'https://slack.com/api').replace(/\/+$/, '');
  const clock = options.clock ?? (() => new Date());
  const now = options.now ?? (() => performance.now());
  const call: SlackCall = { http: options.http, clock, timeoutMs: options.timeoutMs ?? 10_000 };

  async function viaWebhook(delivery: Delivery, webhookUrl: string): Promise<Sent> {
    let res;
    try {
      res = await options.http.request(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(slackMessage(delivery)),
        timeoutMs: call.timeoutMs,
        maxResponseBytes: 64 * 1024,
      });
    } catch (err) {
      throw failureFromError('The Slack webhook call failed', err, 0);
    }
    // Incoming webhooks answer 200 "ok", or 4xx with a reason (invalid_payload, no_service, channel_is_archived).
    if (res.status < 200 || res.status >= 300) {
      const failure = failureFromStatus(
        'The Slack webhook',
        res.status,
        res.headers['retry-after'],
        0,
        clock(),
      );
      const reason = res.body.toString('utf8').slice(0, 100).trim();
      throw reason
        ? new DeliveryFailure(`${failure.message}: ${reason}`, failure.permanent, failure.details)
        : failure;
    }
    return { statusCode: res.status };
  }

  async function viaBot(delivery: Delivery, token: string, channel: string): Promise<Sent> {
    const { attachment } = delivery;
    if (!attachment) {
      const posted = await callSlack(call, `${base}/chat.postMessage`, {
        token,
        json: { channel, ...slackMessage(delivery), unfurl_links: false },
      });
      return { statusCode: 200, ...(typeof posted.ts === 'string' ? { providerMessageId: posted.ts } : {}) };
    }
    const bytes = await attachment.read();
    const ticket = await callSlack(call, `${base}/files.getUploadURLExternal`, {
      token,
      form: { filename: attachment.fileName, length: String(bytes.length) },
    });
    const uploadUrl = ticket.upload_url;
    const fileId = ticket.file_id;
    if (typeof uploadUrl !== 'string' || typeof fileId !== 'string')
      throw new DeliveryFailure('Slack files.getUploadURLExternal gave no upload_url / file_id', false);
    let uploaded;
    try {
      uploaded = await options.http.request(uploadUrl, {
        method: 'POST',
        headers: { 'content-type': attachment.contentType },
        body: bytes,
        timeoutMs: Math.max(call.timeoutMs, 60_000),
        maxResponseBytes: 64 * 1024,
      });
    } catch (err) {
      throw failureFromError('The Slack file upload failed', err, 0);
    }
    if (uploaded.status < 200 || uploaded.status >= 300)
      throw failureFromStatus(
        'The Slack file upload',
        uploaded.status,
        uploaded.headers['retry-after'],
        0,
        clock(),
      );
    await callSlack(call, `${base}/files.completeUploadExternal`, {
      token,
      json: {
        files: [{ id: fileId, title: delivery.subject }],
        channel_id: channel,
        initial_comment: `${delivery.text}\n${delivery.downloadUrl}`,
      },
    });
    return { statusCode: 200, providerMessageId: fileId };
  }

  return {
    kind: 'slack',
    maxAttachmentBytes: options.maxAttachmentBytes ?? 100 * 1024 * 1024,
    async send(delivery) {
      const { address } = delivery;
      if (address.kind !== 'slack') throw new Error(`slack channel got a ${address.kind} address`);
      const started = now();
      const latency = () => Math.round(now() - started);
      try {
        const receipt =
          address.mode === 'webhook'
            ? await viaWebhook(delivery, address.webhookUrl)
            : await viaBot(delivery, address.botToken, address.channel);
        return { ...receipt, latencyMs: latency() };
      } catch (err) {
        const failure = failureFromError('Slack', err, latency());
        throw new DeliveryFailure(
          failure.message,
          failure.permanent,
          { ...failure.details, latencyMs: latency() },
          {
            cause: failure.cause,
          },
        );
      }
    },
  };
}
