import { EmailClient, type EmailSendResponse } from '@azure/communication-email';
import type { TokenCredential } from '@azure/identity';
import { DeliveryFailure, type DeliveryChannel, type SendReceipt } from '../../ports/delivery-channel';
import {
  ACS_MAX_ATTACHMENT_BYTES,
  ACS_MAX_REQUEST_BYTES,
  acsOperationId,
  acsRequestBytes,
  toAcsMessage,
} from './acs-email-message';
import { failureFromStatus } from './http-send-outcome';

export type AcsConnection =
  | { connectionString: string }
  /** The managed identity (DefaultAzureCredential) against the resource's endpoint. */
  | { endpoint: string; credential: TokenCredential };

export interface AcsEmailChannelOptions {
  connection: AcsConnection;
  /** `DoNotReply@<verified domain>`. */
  senderAddress: string;
  /** How long to wait for ACS to report the send done (default 60 s); the send stays accepted after it. */
  maxPollMs?: number;
  pollIntervalMs?: number;
  /** Plain-http endpoints, for a loopback stand-in of ACS in tests only. */
  allowInsecureConnection?: boolean;
  clock?: () => Date;
  now?: () => number;
}

/** ACS remembers a repeatable request this long; a `Repeatability-First-Sent` older than it gets 412. */
const REPEATABILITY_WINDOW_MS = 5 * 60 * 1000;

interface RestLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/**
 * Azure Communication Email. Each delivery is sent with `Operation-Id` and `Repeatability-Request-Id`
 * derived from its delivery id, so a resend after a crash between the send and the receipt is the same
 * operation to ACS, which does not send it twice. `Repeatability-First-Sent` is the delivery's first
 * attempt while that is within ACS's 5-minute window, else now (ACS would refuse an older one with 412).
 */
export function createAcsEmailChannel(options: AcsEmailChannelOptions): DeliveryChannel {
  const clock = options.clock ?? (() => new Date());
  const now = options.now ?? (() => performance.now());
  const clientOptions = {
    // Retries belong to the delivery ledger (with its backoff and Retry-After), not to the SDK.
    retryOptions: { maxRetries: 0 },
    ...(options.allowInsecureConnection ? { allowInsecureConnection: true } : {}),
  };
  const { connection } = options;
  const client =
    'connectionString' in connection
      ? new EmailClient(connection.connectionString, clientOptions)
      : new EmailClient(connection.endpoint, connection.credential, clientOptions);

  return {
    kind: 'email',
    maxAttachmentBytes: ACS_MAX_ATTACHMENT_BYTES,
    async send(delivery): Promise<SendReceipt> {
      const bytes = delivery.attachment ? await delivery.attachment.read() : undefined;
      const message = toAcsMessage(delivery, options.senderAddress, bytes);
      const size = acsRequestBytes(message);
      if (size > ACS_MAX_REQUEST_BYTES)
        throw new DeliveryFailure(
          `The message (${size} bytes with the attachment in base64) is over ACS's limit of ${ACS_MAX_REQUEST_BYTES} bytes`,
          true,
          { code: 'ATTACHMENT_TOO_LARGE' },
        );
      const operationId = acsOperationId(delivery.deliveryId);
      const sentAt = clock();
      const first = delivery.firstAttemptAt;
      const firstSent =
        first && sentAt.getTime() - first.getTime() < REPEATABILITY_WINDOW_MS - 30_000 ? first : sentAt;
      const started = now();
      let result: EmailSendResponse | undefined;
      try {
        const poller = await client.beginSend(message, {
          operationId,
          updateIntervalInMs: options.pollIntervalMs ?? 2_000,
          requestOptions: {
            customHeaders: {
              'Repeatability-Request-Id': operationId,
              'Repeatability-First-Sent': firstSent.toUTCString(),
            },
          },
        });
        result = await poller.pollUntilDone({
          abortSignal: AbortSignal.timeout(options.maxPollMs ?? 60_000),
        });
      } catch (err) {
        const latencyMs = Math.round(now() - started);
        // Accepted (202) but still running when our patience ended: ACS keeps sending it; a retry would be
        // the same operation anyway.
        if ((err as Error).name === 'AbortError')
          return { statusCode: 202, providerMessageId: operationId, latencyMs };
        throw acsFailure(err, latencyMs, clock());
      }
      const latencyMs = Math.round(now() - started);
      if (result.status !== 'Succeeded')
        throw new DeliveryFailure(
          `ACS reports the send ${result.status}${result.error?.message ? `: ${result.error.message}` : ''}`,
          true,
          { latencyMs, ...(result.error?.code ? { code: result.error.code } : {}) },
        );
      return { statusCode: 200, providerMessageId: result.id || operationId, latencyMs };
    },
  };
}

/** HTTP answers map like any HTTP send (409 "the first request is still running" is transient); network trouble is transient. */
function acsFailure(err: unknown, latencyMs: number, at: Date): DeliveryFailure {
  const e = (err ?? {}) as RestLikeError;
  if (typeof e.statusCode === 'number' && e.statusCode > 0) {
    const failure = failureFromStatus(
      'Azure Communication Email',
      e.statusCode,
      e.response?.headers?.get('retry-after'),
      latencyMs,
      at,
    );
    const transient = !failure.permanent || e.statusCode === 409;
    return new DeliveryFailure(
      `${failure.message}: ${e.message ?? ''}`.trim(),
      !transient,
      {
        ...failure.details,
        ...(e.code ? { code: e.code } : {}),
      },
      { cause: err },
    );
  }
  // The operation itself ended Failed / Canceled (the poller throws): ACS decided, a resend would not help.
  // core-lro's words for a terminal Failed / Canceled status.
  const failedOperation = /^(The long-running operation has failed|Operation was canceled)/.test(
    e.message ?? '',
  );
  return new DeliveryFailure(
    `Azure Communication Email: ${e.message ?? String(err)}`,
    failedOperation,
    { latencyMs, ...(e.code ? { code: e.code } : {}) },
    { cause: err },
  );
}
