import type { OutboundHttpClient } from '../http/outbound-http-client';
import { DeliveryFailure, type DeliveryChannel, type SendReceipt } from '../../ports/delivery-channel';
import { failureFromError, failureFromStatus } from './http-send-outcome';
import { signatureHeader } from './webhook-signature';

export interface WebhookChannelOptions {
  /** The one way out (SSRF guard included); an allowlisted loopback receiver is reachable over http. */
  http: OutboundHttpClient;
  /** Wall clock for the signature's `t=` and for `Retry-After` dates. */
  clock?: () => Date;
  /** Monotonic milliseconds, for latency. */
  now?: () => number;
  timeoutMs?: number;
  userAgent?: string;
}

/** The receiver's answer is not used; reading more than this of it is pointless. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * POSTs `delivery.payload` as JSON. The body is serialised once and those exact bytes are signed
 * (`X-Signature`, every active secret) and sent, so the receiver's HMAC over the raw body matches.
 * `X-Event-Id` is the delivery id, the same on every retry and redrive: receivers de-duplicate on it.
 */
export function createWebhookChannel(options: WebhookChannelOptions): DeliveryChannel {
  const clock = options.clock ?? (() => new Date());
  const now = options.now ?? (() => performance.now());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const userAgent = options.userAgent ?? 'report-scheduler-webhooks/1';

  return {
    kind: 'webhook',
    maxAttachmentBytes: 0,
    async send(delivery): Promise<SendReceipt> {
      const { address } = delivery;
      if (address.kind !== 'webhook') throw new Error(`webhook channel got a ${address.kind} address`);
      if (address.signingSecrets.length === 0)
        throw new DeliveryFailure(
          'The webhook target has no signing secret; unsigned webhooks are not sent',
          true,
          {
            code: 'WEBHOOK_UNSIGNED',
          },
        );
      const body = JSON.stringify(delivery.payload);
      const headers = {
        'content-type': 'application/json',
        'x-signature': signatureHeader(body, address.signingSecrets, clock().getTime() / 1000),
        'x-event-id': delivery.deliveryId,
        'user-agent': userAgent,
      };
      const started = now();
      let status: number;
      let retryAfter: string | string[] | undefined;
      try {
        const res = await options.http.request(address.url, {
          method: 'POST',
          headers,
          body,
          timeoutMs,
          maxResponseBytes: MAX_RESPONSE_BYTES,
        });
        status = res.status;
        retryAfter = res.headers['retry-after'];
      } catch (err) {
        throw failureFromError('The webhook call failed', err, Math.round(now() - started));
      }
      const latencyMs = Math.round(now() - started);
      if (status >= 200 && status < 300) return { statusCode: status, latencyMs };
      throw failureFromStatus('The webhook receiver', status, retryAfter, latencyMs, clock());
    },
  };
}
