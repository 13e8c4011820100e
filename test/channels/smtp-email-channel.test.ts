import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpCatcher, type SmtpCatcher } from '../../local/smtp-catcher/smtp-catcher';
import { createSmtpEmailChannel, domainOf } from '../../shared/adapters/channels/smtp-email-channel';
import {
  sampleAttachment,
  failureOf,
  sampleDelivery,
} from '../../shared/adapters/channels/testing/sample-delivery';

// The SMTP channel against a real SMTP server: the local host's catcher (smtp-server + mailparser).
let dir: string;
let catcher: SmtpCatcher;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-channel-'));
  catcher = await startSmtpCatcher({ dir });
});
beforeEach(() => catcher.mailbox.clear());
afterAll(async () => {
  await catcher.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

const channel = (maxAttachmentBytes?: number) =>
  createSmtpEmailChannel({
    smtpUrl: catcher.url,
    from: 'Reports <reports@mail.example.test>',
    ...(maxAttachmentBytes === undefined ? {} : { maxAttachmentBytes }),
  });
const email = (to: string) => ({ kind: 'email' as const, to });

describe('SMTP email channel', () => {
  it('sends one message to one recipient, with both parts, the attachment and a fixed Message-ID', async () => {
    const bytes = Buffer.from('region,total\nnorth,1\n');
    const delivery = sampleDelivery(email('ada@example.test'), { attachment: sampleAttachment(bytes) });
    const receipt = await channel().send(delivery);
    expect(receipt).toMatchObject({
      statusCode: 250,
      providerMessageId: `<${delivery.deliveryId}@mail.example.test>`,
    });

    const [mail, ...others] = await catcher.mailbox.list();
    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      to: ['ada@example.test'],
      headerTo: ['ada@example.test'],
      cc: [],
      from: 'Reports <reports@mail.example.test>',
      subject: delivery.subject,
      text: delivery.text,
      html: delivery.html,
      messageId: `<${delivery.deliveryId}@mail.example.test>`,
      attachments: [{ filename: 'sales.csv', contentType: 'text/csv', size: bytes.length }],
    });
    const eml = (await catcher.mailbox.raw(mail!.id))!.toString('utf8');
    expect(eml).not.toMatch(/^bcc:/im);
    expect(mail!.tenantId).toBeNull(); // no tenant header outside local mode
  });

  it('names the sending tenant in local mode, so the dev mailbox files the mail under it', async () => {
    const local = createSmtpEmailChannel({
      smtpUrl: catcher.url,
      from: 'reports@mail.example.test',
      tenantHeader: true,
    });
    const delivery = sampleDelivery(email('ada@example.test'));
    await local.send(delivery);
    expect((await catcher.mailbox.list()).map((m) => m.tenantId)).toEqual([delivery.tenantId]);
    expect(await catcher.mailbox.list({ tenantId: 'someone-else' })).toEqual([]);
  });

  it('sends a resend of the same delivery with the same Message-ID, and sends no attachment when none', async () => {
    const delivery = sampleDelivery(email('bo@example.test'));
    await channel().send(delivery);
    await channel().send(delivery);
    const mails = await catcher.mailbox.list({ to: 'bo@example.test' });
    expect(mails.map((m) => m.messageId)).toEqual([
      `<${delivery.deliveryId}@mail.example.test>`,
      `<${delivery.deliveryId}@mail.example.test>`,
    ]);
    expect(mails[0]!.attachments).toEqual([]);
  });

  it('maps 550 (unknown mailbox) to permanent and 451 to transient', async () => {
    const bounced = await failureOf(channel().send(sampleDelivery(email('nobody@bounce.invalid'))));
    expect(bounced).toMatchObject({ permanent: true, details: { statusCode: 550 } });
    const deferred = await failureOf(channel().send(sampleDelivery(email('later@defer.invalid'))));
    expect(deferred).toMatchObject({ permanent: false, details: { statusCode: 451 } });
    expect(await catcher.mailbox.list()).toEqual([]);
  });

  it('maps a server that is not there to transient', async () => {
    const gone = await startSmtpCatcher({ dir: path.join(dir, 'gone') });
    await gone.stop();
    const unreachable = createSmtpEmailChannel({ smtpUrl: gone.url, from: 'r@example.test' });
    const failure = await failureOf(unreachable.send(sampleDelivery(email('x@example.test'))));
    expect(failure.permanent).toBe(false);
    expect(failure.details.code).toMatch(/^E/);
    // The server is the service's (SMTP_URL): where it is stays out of what a tenant reads.
    const hostPort = new URL(gone.url).host;
    expect(failure.message).not.toContain(hostPort);
    expect(failure.message).not.toContain(new URL(gone.url).port);
  });

  it('refuses an attachment over its limit, permanently and without sending', async () => {
    const small = channel(10);
    expect(small.maxAttachmentBytes).toBe(10);
    expect(channel().maxAttachmentBytes).toBe(10 * 1024 * 1024);
    const failure = await failureOf(
      small.send(sampleDelivery(email('c@example.test'), { attachment: sampleAttachment(Buffer.alloc(11)) })),
    );
    expect(failure).toMatchObject({ permanent: true, details: { code: 'ATTACHMENT_TOO_LARGE' } });
    expect(await catcher.mailbox.list()).toEqual([]);
  });

  it('takes the Message-ID domain from the From address', () => {
    expect(domainOf('Reports <reports@Example.COM>')).toBe('example.com');
    expect(domainOf('reports@example.com')).toBe('example.com');
    expect(domainOf('nobody')).toBeUndefined();
  });
});
