import type { Artifact } from '../../contracts/artifact';
import type { DeliveryRecord, ReportDeliveredEvent } from '../../contracts/delivery';
import { quotaAlertTargetKey, scheduleEmailTargetKey } from '../../contracts/delivery';
import { composeQuotaAlert } from './compose-quota-alert';
import type { DeliveryTarget } from '../../contracts/delivery-target';
import type { ExecutionRun } from '../../contracts/run';
import type { EmailDelivery } from '../../contracts/schedule-email-delivery';
import { DeliveryFailure, type ChannelAddress, type Delivery } from '../../ports/delivery-channel';
import type { DeliveryDeps } from './delivery-deps';
import { attachOrLink } from './attach-or-link';
import { readTenantSettings } from '../tenants/tenant-settings';
import { renderEmail, type EmailVariables } from './email-message';

/** A send, ready for its channel, plus what the receipt keeps (the link handed out, why no attachment). */
export interface ComposedDelivery {
  delivery: Delivery;
  link: { url: string; expiresAt: string } | null;
  note: string | null;
}

const gone = (what: string, code: string) => new DeliveryFailure(`${what}`, true, { code });

/**
 * Builds one send from the ledger record and what is stored: the artifacts as rendered (nothing is
 * re-rendered — a redrive sends the same files), fresh signed URLs, the target's secrets resolved in
 * memory. Everything in the message is derived from stored data, so a resend is the same message.
 */
export async function composeDelivery(deps: DeliveryDeps, record: DeliveryRecord): Promise<ComposedDelivery> {
  if (record.targetId === quotaAlertTargetKey) return composeQuotaAlert(deps, record);
  const { tenantId } = record;
  const run = (await deps.repos.runs.get(tenantId, record.runId))?.doc;
  if (!run) throw gone(`Run ${record.runId} no longer exists`, 'RUN_GONE');
  const artifacts: Artifact[] = [];
  for (const id of record.artifactIds) {
    const found = await deps.repos.artifacts.get(tenantId, id);
    if (!found) throw gone(`Artifact ${id} no longer exists (retention)`, 'ARTIFACT_GONE');
    artifacts.push(found.doc);
  }
  const primary = artifacts.find((a) => a.format === 'pdf') ?? artifacts[0];
  if (!primary) throw gone('The run has no artifacts to deliver', 'NO_ARTIFACTS');
  const target = await loadTarget(deps, record, run);
  const hours =
    target.kind === 'link' ? (target.expiresInHours ?? deps.signedUrlTtlHours) : deps.signedUrlTtlHours;
  const expiresAt = new Date(deps.clock().getTime() + hours * 3_600_000);
  const urlOf = (a: Artifact) =>
    deps.blobs.signedUrl(tenantId, a.blobName, { expiresAt, downloadName: a.fileName });
  const downloadUrl = await urlOf(primary);
  const payload: ReportDeliveredEvent = {
    id: record.id,
    type: 'report.delivered',
    occurredAt: record.createdAt,
    tenantId,
    run: { id: run.id, reportId: run.reportId, scheduleId: run.scheduleId, fireTime: run.fireTime },
    artifacts: await Promise.all(
      artifacts.map(async (a) => ({
        id: a.id,
        format: a.format,
        fileName: a.fileName,
        bytes: a.bytes,
        checksum: a.checksum,
        downloadUrl: a === primary ? downloadUrl : await urlOf(a),
      })),
    ),
  };
  const vars = await emailVariables(deps, run, primary, downloadUrl);
  const channel = deps.channels[record.channel];
  const pdf = artifacts.find((a) => a.format === 'pdf');
  const wantsFile =
    target.kind === 'email' ? target.attachPdf && pdf !== undefined : target.kind === 'slack-bot';
  const file = target.kind === 'email' ? pdf : primary;
  // The smaller of what the channel carries and the tenant's own attachment limit (within its tier).
  const { maxAttachmentBytes } = await readTenantSettings(deps.repos, tenantId, deps.clock());
  const limit = Math.min(channel?.maxAttachmentBytes ?? 0, maxAttachmentBytes);
  const { attach, note } = attachOrLink(wantsFile, file, limit);
  const message = renderEmail(
    { subject: target.subjectTemplate, body: target.bodyTemplate },
    vars,
    note ?? undefined,
  );
  const delivery: Delivery = {
    deliveryId: record.id,
    tenantId,
    address: target.address,
    subject: message.subject,
    text: message.text,
    ...(record.channel === 'email' ? { html: message.html } : {}),
    ...(attach && file
      ? {
          attachment: {
            fileName: file.fileName,
            contentType: file.contentType,
            bytes: file.bytes,
            read: () => readAll(deps, tenantId, file.blobName),
          },
        }
      : {}),
    downloadUrl,
    payload,
    ...(record.firstAttemptAt ? { firstAttemptAt: new Date(record.firstAttemptAt) } : {}),
  };
  const link = record.channel === 'link' ? { url: downloadUrl, expiresAt: expiresAt.toISOString() } : null;
  return { delivery, link, note };
}

type LoadedTarget = {
  address: ChannelAddress;
  subjectTemplate?: string | undefined;
  bodyTemplate?: string | undefined;
} & (
  | { kind: 'email'; attachPdf: boolean }
  | { kind: 'link'; expiresInHours: number | undefined }
  | { kind: 'webhook' | 'slack-webhook' | 'slack-bot' }
);

/** What shapes an email send: its subject and body templates, and whether it wants the PDF attached. */
export interface EmailSettings {
  subjectTemplate?: string | undefined;
  bodyTemplate?: string | undefined;
  attachPdf: boolean;
}

export const scheduleEmailSettings = (email: EmailDelivery): EmailSettings => ({
  subjectTemplate: email.subjectTemplate,
  bodyTemplate: email.bodyTemplate,
  attachPdf: email.attachPdf,
});

export const targetEmailSettings = (config: {
  subjectTemplate?: string | undefined;
  attachPdf?: boolean | undefined;
}): EmailSettings => ({ subjectTemplate: config.subjectTemplate, attachPdf: config.attachPdf ?? false });

async function loadTarget(
  deps: DeliveryDeps,
  record: DeliveryRecord,
  run: ExecutionRun,
): Promise<LoadedTarget> {
  if (record.targetId === scheduleEmailTargetKey) {
    const schedule = run.scheduleId
      ? (await deps.repos.schedules.get(record.tenantId, run.scheduleId))?.doc
      : undefined;
    const email: EmailDelivery | null | undefined = schedule?.emailDelivery;
    if (!email) throw gone('The schedule no longer has email delivery', 'TARGET_GONE');
    return {
      kind: 'email',
      address: { kind: 'email', to: record.recipient },
      ...scheduleEmailSettings(email),
    };
  }
  const target: DeliveryTarget | undefined = (
    await deps.repos.deliveryTargets.get(record.tenantId, record.targetId)
  )?.doc;
  if (!target) throw gone(`Delivery target ${record.targetId} no longer exists`, 'TARGET_GONE');
  switch (target.type) {
    case 'email':
      return {
        kind: 'email',
        address: { kind: 'email', to: record.recipient },
        ...targetEmailSettings(target.config),
      };
    case 'webhook':
      return {
        kind: 'webhook',
        address: {
          kind: 'webhook',
          url: target.config.url,
          signingSecrets: [
            await deps.secrets.resolve(record.tenantId, target.config.secretRef),
            ...(target.config.previousSecretRef
              ? [await deps.secrets.resolve(record.tenantId, target.config.previousSecretRef)]
              : []),
          ],
        },
      };
    case 'slack':
      if (target.config.webhookUrlRef)
        return {
          kind: 'slack-webhook',
          address: {
            kind: 'slack',
            mode: 'webhook',
            webhookUrl: await deps.secrets.resolve(record.tenantId, target.config.webhookUrlRef),
          },
        };
      return {
        kind: 'slack-bot',
        address: {
          kind: 'slack',
          mode: 'bot',
          botToken: await deps.secrets.resolve(record.tenantId, target.config.botTokenRef ?? ''),
          channel: target.config.channel ?? '',
        },
      };
    case 'link':
      return { kind: 'link', address: { kind: 'link' }, expiresInHours: target.config.expiresInHours };
  }
}

async function emailVariables(
  deps: DeliveryDeps,
  run: ExecutionRun,
  primary: Artifact,
  downloadUrl: string,
): Promise<EmailVariables> {
  const report = (await deps.repos.reports.get(run.tenantId, run.reportId))?.doc;
  const tenant = (await deps.repos.tenants.get(run.tenantId, run.tenantId))?.doc;
  return emailVariablesFor({
    reportName: report?.name ?? primary.fileName,
    at: new Date(run.fireTime ?? run.createdAt),
    timeZone: tenant?.timezone ?? 'UTC',
    tenantName: tenant?.name ?? run.tenantId,
    downloadUrl,
    publicBaseUrl: deps.publicBaseUrl,
    artifactId: primary.id,
  });
}

/** The variables of an email's templates (pure: real sends and previews fill them alike). */
export function emailVariablesFor(input: {
  reportName: string;
  at: Date;
  timeZone: string;
  tenantName: string;
  downloadUrl: string;
  publicBaseUrl: string;
  artifactId: string;
}): EmailVariables {
  return {
    reportName: input.reportName,
    executionDate: localDate(input.at, input.timeZone),
    artifactUrl: input.downloadUrl,
    downloadUrl: input.downloadUrl,
    tenantName: input.tenantName,
    // The web app's gallery with this artifact selected (its deep link).
    galleryUrl: `${input.publicBaseUrl.replace(/\/$/, '')}/gallery?artifact=${encodeURIComponent(input.artifactId)}`,
  };
}

/** YYYY-MM-DD in the given IANA zone. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return parts.format(at);
}

async function readAll(deps: DeliveryDeps, tenantId: string, blobName: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await deps.blobs.openRead(tenantId, blobName)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
