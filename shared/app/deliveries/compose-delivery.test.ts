import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ReportDeliveredEvent } from '../../contracts/delivery';
import { deliver } from './deliver';
import { htmlToText, renderEmail } from './email-message';
import { planDeliveries } from './plan-deliveries';
import { createDeliveryTestKit } from './testing/delivery-test-kit';

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4_000, 7)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function deliverAll(kit: ReturnType<typeof createDeliveryTestKit>, ids: string[]) {
  for (const deliveryId of ids) await deliver(kit.deps, { tenantId: kit.tenantId, deliveryId, final: false });
}

describe('composing a delivery', () => {
  it('renders the templates with escaped variables, a plain-text part and the date in the tenant zone', async () => {
    const kit = createDeliveryTestKit();
    const seeded = await kit.seedRun({
      email: {
        recipients: ['ana@example.com'],
        subjectTemplate: '{{ reportName }} for {{ tenantName }} - {{ executionDate }}',
        bodyTemplate: "<p>Ready: <a href='{{ artifactUrl }}'>{{ reportName }}</a></p><p>{{ galleryUrl }}</p>",
      },
    });
    await deliverAll(kit, (await planDeliveries(kit.deps, seeded.ref)).deliveryIds);
    const [sent] = kit.channels.email.sends;
    const d = sent!.delivery;
    // Fire time 2026-11-27T20:00Z is already the 28th in Auckland (UTC+13).
    expect(d.subject).toBe('Sales <b>by</b> region for Acme <Corp> - 2026-11-28');
    expect(d.html).toContain('Sales &lt;b&gt;by&lt;/b&gt; region</a>');
    expect(d.html).not.toContain('<b>');
    expect(d.text).toContain(`Sales <b>by</b> region (${d.downloadUrl})`);
    expect(d.text).toContain(`https://reports.example.test/gallery?artifact=${seeded.artifacts[0]!.id}`);
    expect(d.html).toContain(
      `<p>https://reports.example.test/gallery?artifact=${seeded.artifacts[0]!.id}</p>`,
    );
    expect(d.address).toEqual({ kind: 'email', to: 'ana@example.com' });
    expect(d.attachment).toBeUndefined();
    // The signed URL downloads the stored file.
    const body = Buffer.from(await (await fetch(d.downloadUrl)).arrayBuffer());
    expect(sha256(body)).toBe(seeded.artifacts[0]!.checksum);
  });

  it('uses the default templates when the schedule has none', () => {
    const vars = {
      reportName: 'Q4 & more',
      executionDate: '2026-11-28',
      artifactUrl: 'https://x.test/a?b=1&c=2',
      downloadUrl: 'https://x.test/a?b=1&c=2',
      tenantName: 'T',
      galleryUrl: 'https://x.test/g',
    };
    const email = renderEmail({}, vars);
    expect(email.subject).toBe('Q4 & more - 2026-11-28');
    expect(email.html).toContain('href="https://x.test/a?b=1&amp;c=2"');
    expect(email.text).toContain('Download the report (https://x.test/a?b=1&c=2)');
    expect(htmlToText('<p>a<br>b</p><p>c</p>')).toBe('a\nb\nc');
    expect(renderEmail({ subject: 'x{{ "\r\n" }}Bcc: evil@example.com' }, vars).subject).not.toMatch(
      /[\r\n]/,
    );
  });

  it('attaches the PDF when asked and within the limit; above the limit sends a link and says why', async () => {
    const small = createDeliveryTestKit({ maxAttachmentBytes: 1_000_000 });
    const a = await small.seedRun({
      email: { recipients: ['ana@example.com'], attachPdf: true },
      files: [{ format: 'pdf', body: pdf }],
    });
    await deliverAll(small, (await planDeliveries(small.deps, a.ref)).deliveryIds);
    const attached = small.channels.email.sends[0]!;
    expect(attached.delivery.attachment).toMatchObject({
      fileName: 'report.pdf',
      contentType: 'application/pdf',
    });
    expect(sha256(attached.attachmentBytes!)).toBe(a.artifacts[0]!.checksum);

    const tight = createDeliveryTestKit({ maxAttachmentBytes: 1_000 });
    const b = await tight.seedRun({
      email: { recipients: ['ana@example.com'], attachPdf: true },
      files: [{ format: 'pdf', body: pdf }],
    });
    const [id] = (await planDeliveries(tight.deps, b.ref)).deliveryIds;
    await deliverAll(tight, [id!]);
    const linked = tight.channels.email.sends[0]!.delivery;
    expect(linked.attachment).toBeUndefined();
    expect(linked.text).toMatch(/larger than this channel carries .* sent as a download link/);
    expect(linked.html).toMatch(/sent as a download link/);
    expect((await tight.deps.ledger.get(tight.tenantId, id!))!.doc.note).toMatch(/download link/);
  });

  it("uses the tenant's own attachment limit: 1 MB gets a link for a 2 MB PDF, 10 MB gets it attached", async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(2 * 1_048_576 - pdf.length, 0x20)]);
    const send = async (maxAttachmentBytes: number) => {
      // The email channel itself carries 25 MB: only the tenant's setting can make the difference.
      const kit = createDeliveryTestKit({
        maxAttachmentBytes: 25 * 1_048_576,
        tenant: { tier: 'premium', maxAttachmentBytes },
      });
      const seeded = await kit.seedRun({
        email: { recipients: ['ana@example.com'], attachPdf: true },
        files: [{ format: 'pdf', body: big }],
      });
      await deliverAll(kit, (await planDeliveries(kit.deps, seeded.ref)).deliveryIds);
      return kit.channels.email.sends[0]!.delivery;
    };
    const linked = await send(1_048_576);
    expect(linked.attachment).toBeUndefined();
    expect(linked.text).toMatch(/report\.pdf \(2\.0 MB\) is larger than this channel carries \(1\.0 MB\)/);
    const attached = await send(10 * 1_048_576);
    expect(attached.attachment).toMatchObject({ fileName: 'report.pdf', bytes: big.length });
  });

  it("never attaches beyond the tenant's tier, whatever the record says (a downgraded tenant)", async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(11 * 1_048_576 - pdf.length, 0x20)]);
    const kit = createDeliveryTestKit({
      maxAttachmentBytes: 25 * 1_048_576,
      tenant: { tier: 'standard', maxAttachmentBytes: 25 * 1_048_576 },
    });
    const seeded = await kit.seedRun({
      email: { recipients: ['ana@example.com'], attachPdf: true },
      files: [{ format: 'pdf', body: big }],
    });
    await deliverAll(kit, (await planDeliveries(kit.deps, seeded.ref)).deliveryIds);
    expect(kit.channels.email.sends[0]!.delivery.attachment).toBeUndefined();
  });

  it('posts the report.delivered event to a webhook target, signed with the referenced secret', async () => {
    const kit = createDeliveryTestKit({ secrets: { 'hook-key': 'k3y' } });
    await kit.secretStore.put(kit.tenantId, 'old-hook-key', 'old');
    const seeded = await kit.seedRun({
      targets: [
        {
          type: 'webhook',
          config: {
            url: 'https://hooks.example.test/in',
            secretRef: 'secret:hook-key',
            previousSecretRef: 'secret:old-hook-key',
          },
        },
      ],
      files: [
        { format: 'csv', body: Buffer.from('a\n1\n') },
        { format: 'pdf', body: pdf },
      ],
    });
    const { deliveryIds } = await planDeliveries(kit.deps, seeded.ref);
    await deliverAll(kit, deliveryIds);
    const d = kit.channels.webhook.sends[0]!.delivery;
    expect(d.address).toEqual({
      kind: 'webhook',
      url: 'https://hooks.example.test/in',
      signingSecrets: ['k3y', 'old'],
    });
    const event = ReportDeliveredEvent.parse(d.payload);
    expect(event).toMatchObject({
      id: deliveryIds[0],
      type: 'report.delivered',
      tenantId: kit.tenantId,
      run: { id: seeded.run.id, scheduleId: seeded.run.scheduleId, fireTime: seeded.run.fireTime },
    });
    expect(event.artifacts.map((x) => [x.format, x.checksum]).sort()).toEqual(
      seeded.artifacts.map((x) => [x.format, x.checksum]).sort(),
    );
  });

  it('sends Slack the subject, text and link; bot mode uploads the file when the channel carries it', async () => {
    const kit = createDeliveryTestKit({
      secrets: { hook: 'https://hooks.slack.test/x', bot: 'xoxb-1' },
      slackFileBytes: 1e6,
    });
    const seeded = await kit.seedRun({
      targets: [
        { type: 'slack', config: { webhookUrlRef: 'secret:hook' } },
        { type: 'slack', config: { botTokenRef: 'secret:bot', channel: '#reports' } },
      ],
    });
    await deliverAll(kit, (await planDeliveries(kit.deps, seeded.ref)).deliveryIds);
    const byMode = Object.fromEntries(
      kit.channels.slack.sends.map((s) => [
        s.delivery.address.kind === 'slack' ? s.delivery.address.mode : '',
        s,
      ]),
    );
    expect(byMode.webhook!.delivery.address).toEqual({
      kind: 'slack',
      mode: 'webhook',
      webhookUrl: 'https://hooks.slack.test/x',
    });
    expect(byMode.webhook!.delivery.attachment).toBeUndefined();
    expect(byMode.webhook!.delivery.subject).toContain('Sales');
    expect(byMode.bot!.delivery.address).toEqual({
      kind: 'slack',
      mode: 'bot',
      botToken: 'xoxb-1',
      channel: '#reports',
    });
    expect(sha256(byMode.bot!.attachmentBytes!)).toBe(seeded.artifacts[0]!.checksum);
  });

  it('keeps the signed URL on the receipt of a link target, valid for its hours', async () => {
    const kit = createDeliveryTestKit();
    const seeded = await kit.seedRun({ targets: [{ type: 'link', config: { expiresInHours: 2 } }] });
    const [id] = (await planDeliveries(kit.deps, seeded.ref)).deliveryIds;
    const before = Date.now();
    expect(await deliver(kit.deps, { tenantId: kit.tenantId, deliveryId: id!, final: false })).toMatchObject({
      status: 'sent',
    });
    const { link } = (await kit.deps.ledger.get(kit.tenantId, id!))!.doc;
    expect(link!.url).toMatch(/^http/);
    const hours = (new Date(link!.expiresAt).getTime() - before) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThan(2.1);
    expect(sha256(Buffer.from(await (await fetch(link!.url)).arrayBuffer()))).toBe(
      seeded.artifacts[0]!.checksum,
    );
  });

  it('fails permanently when the target secret is not set', async () => {
    const kit = createDeliveryTestKit();
    const seeded = await kit.seedRun({
      targets: [
        { type: 'webhook', config: { url: 'https://hooks.example.test/in', secretRef: 'secret:missing' } },
      ],
    });
    const [id] = (await planDeliveries(kit.deps, seeded.ref)).deliveryIds;
    const outcome = await deliver(kit.deps, { tenantId: kit.tenantId, deliveryId: id!, final: false });
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(kit.channels.webhook.sends).toHaveLength(0);
  });

  it('never signs with a setting of the service named by a target stored before references were confined', async () => {
    const kit = createDeliveryTestKit();
    // Saved by an older version, which accepted env: references to any setting; PATH is set in every process.
    const seeded = await kit.seedRun({
      targets: [{ type: 'webhook', config: { url: 'https://hooks.example.test/in', secretRef: 'env:PATH' } }],
    });
    const [id] = (await planDeliveries(kit.deps, seeded.ref)).deliveryIds;
    const outcome = await deliver(kit.deps, { tenantId: kit.tenantId, deliveryId: id!, final: false });
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(kit.channels.webhook.sends).toHaveLength(0);
    const note = JSON.stringify((await kit.deps.ledger.get(kit.tenantId, id!))!.doc);
    expect(note).toMatch(/no longer accepted/);
    expect(note).not.toContain(process.env.PATH!);
  });
});
