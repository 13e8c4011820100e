import { describe, expect, it } from 'vitest';
import { DeliveryFailure } from '../../ports/delivery-channel';
import { ACS_MAX_ATTACHMENT_BYTES } from './acs-email-message';
import { createDeliveryChannels, type DeliveryChannelSettings } from './create-delivery-channels';
import { sampleDelivery } from './testing/sample-delivery';

const base: DeliveryChannelSettings = {
  SLACK_API_BASE_URL: 'https://slack.com/api',
  OUTBOUND_ALLOWLIST: [],
  SERVICE_NAME: 'report-scheduler',
  LOCAL_MODE: false,
};
const acsConnection = `endpoint=https://acs.example.test/;accesskey=${Buffer.from('k').toString('base64')}`;
const mail = sampleDelivery({ kind: 'email', to: 'ada@example.test' });

describe('delivery channels from settings', () => {
  it('has one channel per kind', () => {
    const channels = createDeliveryChannels(base);
    expect(Object.keys(channels).sort()).toEqual(['email', 'link', 'slack', 'webhook']);
    for (const [kind, channel] of Object.entries(channels)) expect(channel.kind).toBe(kind);
  });

  it('fails every email permanently, naming the settings, when neither SMTP nor ACS is set', async () => {
    const err = await createDeliveryChannels(base)
      .email.send(mail)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryFailure);
    expect(err).toMatchObject({ permanent: true, details: { code: 'EMAIL_NOT_CONFIGURED' } });
    expect((err as Error).message).toMatch(/SMTP_URL.*ACS_CONNECTION_STRING/);

    const noFrom = createDeliveryChannels({ ...base, SMTP_URL: 'smtp://127.0.0.1:2525' });
    await expect(noFrom.email.send(mail)).rejects.toThrow(/EMAIL_FROM/);
  });

  it('picks SMTP with SMTP_URL, ACS when ACS is configured (even with SMTP_URL), and honours a lower limit', () => {
    const smtp = createDeliveryChannels({
      ...base,
      SMTP_URL: 'smtp://127.0.0.1:2525',
      EMAIL_FROM: 'r@example.test',
    });
    expect(smtp.email.maxAttachmentBytes).toBe(10 * 1024 * 1024);

    const acs = createDeliveryChannels({
      ...base,
      SMTP_URL: 'smtp://127.0.0.1:2525',
      ACS_CONNECTION_STRING: acsConnection,
      EMAIL_FROM: 'Reports <DoNotReply@example.test>',
    });
    expect(acs.email.maxAttachmentBytes).toBe(ACS_MAX_ATTACHMENT_BYTES);

    const lower = createDeliveryChannels({
      ...base,
      ACS_CONNECTION_STRING: acsConnection,
      EMAIL_FROM: 'DoNotReply@example.test',
      EMAIL_MAX_ATTACHMENT_BYTES: 1_000_000,
    });
    expect(lower.email.maxAttachmentBytes).toBe(1_000_000);
    const higher = createDeliveryChannels({
      ...base,
      ACS_CONNECTION_STRING: acsConnection,
      EMAIL_FROM: 'DoNotReply@example.test',
      EMAIL_MAX_ATTACHMENT_BYTES: 50_000_000,
    });
    expect(higher.email.maxAttachmentBytes).toBe(ACS_MAX_ATTACHMENT_BYTES);
  });

  it('the link channel sends nothing and answers at once', async () => {
    expect(await createDeliveryChannels(base).link.send(sampleDelivery({ kind: 'link' }))).toEqual({
      latencyMs: 0,
    });
  });
});
