import nodemailer from 'nodemailer';
import { DeliveryFailure, type DeliveryChannel, type SendReceipt } from '../../ports/delivery-channel';
import { smtpFailure } from './smtp-failure';

export interface SmtpEmailChannelOptions {
  /** `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
  smtpUrl: string;
  /** The `From` of every mail, e.g. `Reports <reports@example.com>`. */
  from: string;
  /** Right-hand side of the fixed Message-ID; the domain of `from` by default. */
  messageIdDomain?: string;
  /** Largest attachment carried (default 10 MB); the use case sends a link above it. */
  maxAttachmentBytes?: number;
  /** Monotonic milliseconds, for latency. */
  now?: () => number;
  /**
   * Names the sending tenant in a `X-Report-Scheduler-Tenant` header (local mode: the local host's SMTP
   * catcher files each mail under its tenant, so the dev mailbox shows a tenant only its own mail).
   */
  tenantHeader?: boolean;
}

/** The header that names the sending tenant when `tenantHeader` is on. */
export const TENANT_MAIL_HEADER = 'X-Report-Scheduler-Tenant';

export const DEFAULT_EMAIL_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The domain of an address such as `Reports <reports@example.com>` or `reports@example.com`. */
export function domainOf(address: string): string | undefined {
  return /@([a-z0-9.-]+)>?\s*$/i.exec(address.trim())?.[1]?.toLowerCase();
}

/**
 * One message per delivery, to its one recipient (never cc or bcc: no recipient learns the others).
 * SMTP has no idempotent send: a crash after the server took the mail but before the receipt was kept
 * means the retry sends it again. That copy carries the same `Message-ID: <deliveryId@domain>`, so it
 * is recognisable (and many mailbox providers fold it away).
 */
export function createSmtpEmailChannel(options: SmtpEmailChannelOptions): DeliveryChannel {
  const now = options.now ?? (() => performance.now());
  const domain = options.messageIdDomain ?? domainOf(options.from) ?? 'report-scheduler.invalid';
  const maxAttachmentBytes = options.maxAttachmentBytes ?? DEFAULT_EMAIL_ATTACHMENT_BYTES;
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    // A connection per message (no pool): nothing is shared between tenants' sends.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    // Everything sent comes from memory; nodemailer must never read a path or URL on our behalf.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    kind: 'email',
    maxAttachmentBytes,
    async send(delivery): Promise<SendReceipt> {
      const { address, attachment } = delivery;
      if (address.kind !== 'email') throw new Error(`email channel got a ${address.kind} address`);
      if (attachment && attachment.bytes > maxAttachmentBytes)
        throw new DeliveryFailure(
          `The attachment (${attachment.bytes} bytes) is over the email limit of ${maxAttachmentBytes} bytes`,
          true,
          { code: 'ATTACHMENT_TOO_LARGE' },
        );
      const messageId = `<${delivery.deliveryId}@${domain}>`;
      const started = now();
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: address.to,
          subject: delivery.subject,
          text: delivery.text,
          ...(delivery.html ? { html: delivery.html } : {}),
          messageId,
          ...(options.tenantHeader ? { headers: { [TENANT_MAIL_HEADER]: delivery.tenantId } } : {}),
          attachments: attachment
            ? [
                {
                  filename: attachment.fileName,
                  contentType: attachment.contentType,
                  content: await attachment.read(),
                },
              ]
            : [],
        });
        const statusCode = Number(/^(\d{3})/.exec(String(info.response))?.[1]) || undefined;
        return {
          ...(statusCode ? { statusCode } : {}),
          providerMessageId: info.messageId || messageId,
          latencyMs: Math.round(now() - started),
        };
      } catch (err) {
        throw smtpFailure(err, Math.round(now() - started));
      }
    },
  };
}
