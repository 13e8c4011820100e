import { DefaultAzureCredential } from '@azure/identity';
import type { AppConfig } from '../../config/app-config';
import { DeliveryFailure, type ChannelKind, type DeliveryChannel } from '../../ports/delivery-channel';
import { createOutboundHttpClient } from '../http/outbound-http-client';
import { createOutboundPolicy } from '../http/outbound-policy';
import { createAcsEmailChannel } from './acs-email-channel';
import { ACS_MAX_ATTACHMENT_BYTES } from './acs-email-message';
import { createLinkChannel } from './link-channel';
import { createSlackChannel } from './slack-channel';
import { createSmtpEmailChannel } from './smtp-email-channel';
import { createWebhookChannel } from './webhook-channel';

export type DeliveryChannelSettings = Pick<
  AppConfig,
  | 'SMTP_URL'
  | 'LOCAL_MODE'
  | 'ACS_CONNECTION_STRING'
  | 'ACS_ENDPOINT'
  | 'EMAIL_FROM'
  | 'EMAIL_MAX_ATTACHMENT_BYTES'
  | 'SLACK_API_BASE_URL'
  | 'OUTBOUND_ALLOWLIST'
  | 'SERVICE_NAME'
>;

/** The bare address of `Name <address>` (ACS takes only the address). */
const bareAddress = (from: string) => /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();

/** Email that is not set up: every send fails permanently, saying which settings to set. */
function unconfiguredEmail(reason: string): DeliveryChannel {
  return {
    kind: 'email',
    maxAttachmentBytes: 0,
    send: () => Promise.reject(new DeliveryFailure(reason, true, { code: 'EMAIL_NOT_CONFIGURED' })),
  };
}

function createEmailChannel(settings: DeliveryChannelSettings): DeliveryChannel {
  const from = settings.EMAIL_FROM;
  const acs = settings.ACS_CONNECTION_STRING ?? settings.ACS_ENDPOINT;
  if (!acs && !settings.SMTP_URL)
    return unconfiguredEmail(
      'Email is not configured (set SMTP_URL, or ACS_CONNECTION_STRING / ACS_ENDPOINT, and EMAIL_FROM)',
    );
  if (!from) return unconfiguredEmail('Email is not configured: EMAIL_FROM (the sender address) is not set');
  const limit = settings.EMAIL_MAX_ATTACHMENT_BYTES;
  if (acs) {
    const channel = createAcsEmailChannel({
      connection: settings.ACS_CONNECTION_STRING
        ? { connectionString: settings.ACS_CONNECTION_STRING }
        : { endpoint: settings.ACS_ENDPOINT!, credential: new DefaultAzureCredential() },
      senderAddress: bareAddress(from),
    });
    // A lower setting wins; ACS's own request limit always applies.
    return limit === undefined || limit >= ACS_MAX_ATTACHMENT_BYTES
      ? channel
      : { ...channel, maxAttachmentBytes: limit };
  }
  return createSmtpEmailChannel({
    smtpUrl: settings.SMTP_URL!,
    from,
    ...(limit === undefined ? {} : { maxAttachmentBytes: limit }),
    tenantHeader: settings.LOCAL_MODE,
  });
}

/**
 * Every channel, from settings: email is ACS when ACS_CONNECTION_STRING or ACS_ENDPOINT is set, else SMTP
 * when SMTP_URL is set, else a channel that fails every send saying what to set. Webhook and Slack go out
 * through one outbound HTTP client, behind the SSRF guard (OUTBOUND_ALLOWLIST).
 */
export function createDeliveryChannels(
  settings: DeliveryChannelSettings,
  clock: () => Date = () => new Date(),
): Record<ChannelKind, DeliveryChannel> {
  const http = createOutboundHttpClient({
    policy: createOutboundPolicy({ allowlist: settings.OUTBOUND_ALLOWLIST }),
    userAgent: `${settings.SERVICE_NAME}-delivery`,
  });
  return {
    email: createEmailChannel(settings),
    webhook: createWebhookChannel({ http, clock, userAgent: `${settings.SERVICE_NAME}-webhooks/1` }),
    slack: createSlackChannel({ http, clock, apiBaseUrl: settings.SLACK_API_BASE_URL }),
    link: createLinkChannel(),
  };
}
