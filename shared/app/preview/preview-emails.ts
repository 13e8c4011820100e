import type { ReportDefinition } from '../../contracts/report';
import type { PreviewEmail } from '../../contracts/report-preview';
import { scheduleEmailTargetKey } from '../../contracts/delivery';
import type { Schedule } from '../../contracts/schedule';
import type { Tenant } from '../../contracts/tenant';
import { attachOrLink, type AttachDecision } from '../deliveries/attach-or-link';
import {
  emailVariablesFor,
  scheduleEmailSettings,
  targetEmailSettings,
  type EmailSettings,
} from '../deliveries/compose-delivery';
import { renderEmail } from '../deliveries/email-message';
import { newTenantRecord } from '../tenants/tenant-profiles';
import { effectiveTenantSettings } from '../tenants/tenant-settings';
import { plannedRecipients } from '../deliveries/plan-deliveries';
import type { RenderedPreview } from './render-preview';
import type { PreviewDeps } from './preview-deps';

export interface PreviewedDeliveries {
  emails: PreviewEmail[];
  otherDeliveries: { targetId: string; channel: string }[];
}

async function settingsOf(
  deps: PreviewDeps,
  tenantId: string,
  schedule: Schedule,
  targetId: string,
): Promise<EmailSettings | undefined> {
  if (targetId === scheduleEmailTargetKey)
    return schedule.emailDelivery ? scheduleEmailSettings(schedule.emailDelivery) : undefined;
  const target = (await deps.repos.deliveryTargets.get(tenantId, targetId))?.doc;
  return target?.type === 'email' ? targetEmailSettings(target.config) : undefined;
}

/**
 * The PDF is what an email attaches. Its size is known when the PDF itself was previewed; otherwise the
 * decision is the one a small PDF gets, and the note says the size is checked at send time.
 */
function decide(
  deps: PreviewDeps,
  settings: EmailSettings,
  report: ReportDefinition,
  rendered: RenderedPreview,
  previewedPdf: boolean,
  tenantLimit: number,
): AttachDecision {
  const wants = settings.attachPdf && report.outputs.some((o) => o.format === 'pdf');
  const limit = Math.min(deps.emailChannel?.maxAttachmentBytes ?? 0, tenantLimit);
  if (!wants || previewedPdf) return attachOrLink(wants, rendered.file, limit);
  return { attach: true, note: null };
}

const sizeUnknown =
  'Preview the PDF format to see whether the PDF fits the email limit; a larger one is sent as a link.';

/**
 * Every message the schedule would send for this output, exactly as each recipient would get it: the
 * same recipient list (plannedRecipients), templates, variables and attach-or-link rule as a real send.
 * Nothing is sent and no ledger record is written.
 */
export async function previewEmails(
  deps: PreviewDeps,
  input: {
    tenantId: string;
    schedule: Schedule;
    report: ReportDefinition;
    tenant: Tenant | undefined;
    rendered: RenderedPreview;
    previewedPdf: boolean;
  },
): Promise<PreviewedDeliveries> {
  const { tenantId, schedule, report, rendered } = input;
  const planned = await plannedRecipients(deps.repos, tenantId, schedule);
  // The tenant's own attachment limit applies as in a real send (a new tenant's default without a record).
  const { maxAttachmentBytes: tenantLimit } = effectiveTenantSettings(
    input.tenant ?? newTenantRecord(tenantId, deps.clock()),
  );
  const variables = emailVariablesFor({
    reportName: report.name,
    at: deps.clock(),
    timeZone: input.tenant?.timezone ?? 'UTC',
    tenantName: input.tenant?.name ?? tenantId,
    downloadUrl: rendered.file.url ?? `${deps.publicBaseUrl.replace(/\/$/, '')}/gallery`,
    publicBaseUrl: deps.publicBaseUrl,
    artifactId: 'preview',
  });
  const emails: PreviewEmail[] = [];
  const otherDeliveries: PreviewedDeliveries['otherDeliveries'] = [];
  for (const p of planned) {
    const settings =
      p.channel === 'email' ? await settingsOf(deps, tenantId, schedule, p.targetId) : undefined;
    if (!settings) {
      otherDeliveries.push({ targetId: p.targetId, channel: p.channel });
      continue;
    }
    const decision = decide(deps, settings, report, rendered, input.previewedPdf, tenantLimit);
    const message = renderEmail(
      { subject: settings.subjectTemplate, body: settings.bodyTemplate },
      variables,
      decision.note ?? undefined,
    );
    const wanted = settings.attachPdf && report.outputs.some((o) => o.format === 'pdf');
    emails.push({
      recipient: p.recipient,
      targetId: p.targetId,
      ...message,
      attachment: decision.attach ? 'attached' : wanted ? 'link' : 'none',
      fileName: wanted ? rendered.file.fileName.replace(/\.\w+$/, '.pdf') : null,
      note: decision.note ?? (wanted && !input.previewedPdf ? sizeUnknown : null),
    });
  }
  return { emails, otherDeliveries };
}
