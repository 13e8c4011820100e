import { createHash } from 'node:crypto';
import type { EmailMessage } from '@azure/communication-email';
import type { Delivery } from '../../ports/delivery-channel';

/** ACS refuses a send request (JSON, attachments in base64 included) larger than 10 MB. */
export const ACS_MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Room kept for the subject, both bodies and the JSON around them. */
const BODY_HEADROOM_BYTES = 512 * 1024;
/** The largest raw attachment whose base64 (4 bytes per 3) still fits the request with the bodies. */
export const ACS_MAX_ATTACHMENT_BYTES = Math.floor((ACS_MAX_REQUEST_BYTES - BODY_HEADROOM_BYTES) / 4) * 3;

/**
 * A GUID derived from the delivery id: the ACS `Operation-Id` and `Repeatability-Request-Id` (both must be
 * GUIDs), the same on every retry and redrive of the delivery, so ACS recognises a resend.
 */
export function acsOperationId(deliveryId: string): string {
  const h = createHash('sha256').update(`acs-email:${deliveryId}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The request body of one send: one `to`, no cc/bcc, engagement tracking off (it would rewrite signed links). */
export function toAcsMessage(delivery: Delivery, senderAddress: string, attachment?: Buffer): EmailMessage {
  if (delivery.address.kind !== 'email')
    throw new Error(`email channel got a ${delivery.address.kind} address`);
  return {
    senderAddress,
    recipients: { to: [{ address: delivery.address.to }] },
    content: {
      subject: delivery.subject,
      plainText: delivery.text,
      ...(delivery.html ? { html: delivery.html } : {}),
    },
    ...(attachment && delivery.attachment
      ? {
          attachments: [
            {
              name: delivery.attachment.fileName,
              contentType: delivery.attachment.contentType,
              contentInBase64: attachment.toString('base64'),
            },
          ],
        }
      : {}),
    disableUserEngagementTracking: true,
  };
}

/** The size ACS counts: the JSON request body. */
export const acsRequestBytes = (message: EmailMessage) => Buffer.byteLength(JSON.stringify(message));
