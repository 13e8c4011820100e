import type { TenantPatch, TenantResource } from '../../../../shared/contracts/tenant-resources';

/** The form's model: what a tenant admin edits; alert emails as one address per line (or commas). */
export interface TenantSettingsForm {
  displayName: string;
  defaultTimeZone: string;
  alertEmails: string;
  maxAttachmentMb: number;
  retentionDays: number;
}

const MB = 1024 * 1024;

export function fromTenantResource(tenant: TenantResource): TenantSettingsForm {
  return {
    displayName: tenant.displayName,
    defaultTimeZone: tenant.defaultTimeZone,
    alertEmails: tenant.alertEmails.join('\n'),
    maxAttachmentMb: Math.round((tenant.maxAttachmentBytes / MB) * 10) / 10,
    retentionDays: tenant.retentionDays,
  };
}

export const emptyTenantSettings = (): TenantSettingsForm => ({
  displayName: '',
  defaultTimeZone: 'UTC',
  alertEmails: '',
  maxAttachmentMb: 10,
  retentionDays: 30,
});

/** The PATCH body (every setting; the contract checks them). */
export function toTenantPatch(form: TenantSettingsForm): TenantPatch {
  return {
    displayName: form.displayName,
    defaultTimeZone: form.defaultTimeZone,
    alertEmails: form.alertEmails
      .split(/[\s,;]+/)
      .map((e) => e.trim())
      .filter(Boolean),
    maxAttachmentBytes: Math.round(Number(form.maxAttachmentMb) * MB),
    retentionDays: Number(form.retentionDays),
  };
}

/** A usage bar: the share used (0–100), and a colour that turns at the alert thresholds. */
export function usageLook(used: number, limit: number | null): { percent: number; color: string } {
  if (limit === null || limit <= 0) return { percent: 0, color: 'primary' };
  const percent = Math.min(100, Math.round((used / limit) * 100));
  return { percent, color: percent >= 100 ? 'error' : percent >= 80 ? 'warning' : 'primary' };
}
