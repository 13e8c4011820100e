import { describe, expect, it } from 'vitest';
import type { ReportDefinition } from '../../contracts/report';
import type { Schedule } from '../../contracts/schedule';
import { previewEmails } from './preview-emails';
import type { PreviewDeps } from './preview-deps';

// The schedule here has only its own email (no delivery targets), so no store is read.
const deps = (maxAttachmentBytes: number) =>
  ({
    repos: {},
    clock: () => new Date('2026-12-03T08:00:00Z'),
    publicBaseUrl: 'https://reports.example.test/',
    emailChannel: { maxAttachmentBytes },
  }) as unknown as PreviewDeps;

const report = { name: 'Sales', outputs: [{ format: 'csv' }, { format: 'pdf' }] } as ReportDefinition;
const schedule = {
  deliveryTargetIds: [],
  emailDelivery: {
    enabled: true,
    recipients: ['Ann@Example.com'],
    attachPdf: true,
    subjectTemplate: '{{ reportName }} on {{ executionDate }}',
  },
} as unknown as Schedule;
const pdf = { fileName: 'sales-20261203-0800.pdf', bytes: 2_000_000, url: 'https://blob.example.test/p.pdf' };

describe('previewEmails', () => {
  it('applies the delivery rule: a PDF over the channel limit is a link, and the mail says so', async () => {
    const { emails } = await previewEmails(deps(1_000_000), {
      tenantId: 't1',
      schedule,
      report,
      tenant: { name: 'Acme', timezone: 'Europe/Berlin', tier: 'standard', retentionDays: 30 } as never,
      rendered: { output: { kind: 'text', contentType: 'text/csv', text: '' }, file: pdf },
      previewedPdf: true,
    });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      recipient: 'ann@example.com',
      subject: 'Sales on 2026-12-03',
      attachment: 'link',
      fileName: 'sales-20261203-0800.pdf',
    });
    expect(emails[0]!.note).toMatch(/larger than this channel carries/);
    expect(emails[0]!.text).toContain('https://blob.example.test/p.pdf');
    expect(emails[0]!.text).toContain('sent as a download link');
  });

  it("applies the tenant's own attachment limit when it is below the channel's", async () => {
    const preview = (maxAttachmentBytes: number) =>
      previewEmails(deps(25_000_000), {
        tenantId: 't1',
        schedule,
        report,
        tenant: {
          name: 'Acme',
          timezone: 'UTC',
          tier: 'premium',
          retentionDays: 30,
          maxAttachmentBytes,
        } as never,
        rendered: { output: { kind: 'text', contentType: 'text/csv', text: '' }, file: pdf },
        previewedPdf: true,
      });
    expect((await preview(1_048_576)).emails[0]).toMatchObject({ attachment: 'link' });
    expect((await preview(10 * 1_048_576)).emails[0]).toMatchObject({ attachment: 'attached' });
  });

  it('attaches a PDF that fits; with another format previewed it says the size is checked when sent', async () => {
    const fits = await previewEmails(deps(10_000_000), {
      tenantId: 't1',
      schedule,
      report,
      tenant: undefined,
      rendered: { output: { kind: 'text', contentType: 'text/csv', text: '' }, file: pdf },
      previewedPdf: true,
    });
    expect(fits.emails[0]).toMatchObject({ attachment: 'attached', note: null });
    const csv = await previewEmails(deps(10_000_000), {
      tenantId: 't1',
      schedule,
      report,
      tenant: undefined,
      rendered: {
        output: { kind: 'text', contentType: 'text/csv', text: '' },
        file: { fileName: 'sales-20261203-0800.csv', bytes: 10 },
      },
      previewedPdf: false,
    });
    expect(csv.emails[0]).toMatchObject({ attachment: 'attached', fileName: 'sales-20261203-0800.pdf' });
    expect(csv.emails[0]!.note).toMatch(/Preview the PDF format/);
    expect(csv.emails[0]!.text).not.toMatch(/Preview the PDF format/);
  });
});
