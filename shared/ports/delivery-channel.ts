/**
 * Delivery channels (DESIGN D10): one send
 * to one recipient of one delivery target. The delivery use case decides *what* to send (rendered
 * subject and bodies, attachment or link, the event JSON) and keeps the ledger; a channel only
 * transports it and says how it went.
 */

export type ChannelKind = 'email' | 'webhook' | 'slack' | 'link';

/** Where one send goes, with its secrets already resolved (in memory only, never stored or logged). */
export type ChannelAddress =
  | { kind: 'email'; to: string }
  | {
      kind: 'webhook';
      url: string;
      /** Each signs the body; two during a rotation (the receiver accepts either `v1=`). */
      signingSecrets: readonly string[];
    }
  | { kind: 'slack'; mode: 'webhook'; webhookUrl: string }
  | { kind: 'slack'; mode: 'bot'; botToken: string; channel: string }
  | { kind: 'link' };

export interface DeliveryAttachment {
  fileName: string;
  contentType: string;
  bytes: number;
  /** The stored artifact's bytes (the send reads the blob; nothing is re-rendered). */
  read(): Promise<Buffer>;
}

/** One send. Everything a channel needs; nothing it has to look up. */
export interface Delivery {
  /**
   * Stable for (runId, targetId, recipient), the same on every retry, replay and redrive: the email
   * `Message-ID`, the ACS repeatability request id, the webhook event id (`X-Event-Id` and `id` in the
   * body), so a resend inside the unavoidable window is recognisable as the same message.
   */
  deliveryId: string;
  tenantId: string;
  address: ChannelAddress;
  /** Rendered, plain text (email subject; Slack message title). */
  subject: string;
  /** Rendered plain-text body (email text part; Slack fallback text). */
  text: string;
  /** Rendered, escaped HTML body (email only). */
  html?: string;
  /** The file, when the channel carries it and it is within the channel's limit. */
  attachment?: DeliveryAttachment;
  /** The artifact's signed download URL (always present: links are the fallback for every channel). */
  downloadUrl: string;
  /** The JSON a webhook posts (schema in the OpenAPI); Slack builds its blocks from subject/text/downloadUrl. */
  payload: Record<string, unknown>;
  /**
   * When the first attempt of this delivery was made (from the ledger), if known: ACS's
   * `Repeatability-First-Sent`, which lets ACS drop a resend made within 5 minutes of it.
   */
  firstAttemptAt?: Date;
}

/** A send the channel accepted. */
export interface SendReceipt {
  /** HTTP status for webhook / Slack; SMTP reply code for email when known. */
  statusCode?: number;
  /** The provider's id for the message (SMTP Message-ID, ACS operation id, Slack file id …). */
  providerMessageId?: string;
  latencyMs: number;
}

/**
 * A send that failed. `permanent` failures (other 4xx, an invalid address, a refused URL) are not
 * retried; transient ones (5xx, timeouts, connection errors, 429) are, no sooner than `retryAfterMs`
 * when the receiver said so.
 */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly details: { statusCode?: number; retryAfterMs?: number; latencyMs?: number; code?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryFailure';
  }
}

export interface DeliveryChannel {
  readonly kind: ChannelKind;
  /** Largest attachment the channel carries in one message (ACS email: 10 MB); Infinity when none. */
  readonly maxAttachmentBytes: number;
  /** Resolves on acceptance; rejects with DeliveryFailure. */
  send(delivery: Delivery): Promise<SendReceipt>;
}
