import type { DeliveryRecord } from '../../contracts/delivery';
import { DeliveryFailure } from '../../ports/delivery-channel';
import { limitsOf } from '../tenants/tenant-limits';
import type { ComposedDelivery } from './compose-delivery';
import type { DeliveryDeps } from './delivery-deps';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const quotaWords: Record<string, string> = {
  executionsPerDay: 'report executions per day (UTC)',
  schedules: 'schedules',
};

/**
 * The email of a quota alert (ledger record with target `quota-alert`; its runId names the alert:
 * `quota-{quota}-{period}-{threshold}`). Built from the tenant's record as it is now, so a resend is the
 * same message.
 */
export async function composeQuotaAlert(
  deps: DeliveryDeps,
  record: DeliveryRecord,
): Promise<ComposedDelivery> {
  const match = /^quota-([A-Za-z]+)-(.+)-(80|100)$/.exec(record.runId);
  if (!match)
    throw new DeliveryFailure(`Not a quota alert: ${record.runId}`, true, { code: 'ALERT_UNKNOWN' });
  const [, quota = '', period = '', threshold = ''] = match;
  const tenant = (await deps.repos.tenants.get(record.tenantId, record.tenantId))?.doc;
  const limit = tenant ? limitsOf(tenant)[quota === 'schedules' ? 'schedules' : 'executionsPerDay'] : null;
  const name = tenant?.name ?? record.tenantId;
  const what = quotaWords[quota] ?? quota;
  const settingsUrl = `${deps.publicBaseUrl.replace(/\/$/, '')}/settings/tenant`;
  const reached = threshold === '100' ? 'has used all' : `has used ${threshold} %`;
  const subject = `${name}: ${threshold === '100' ? 'quota reached' : 'quota warning'} — ${what}`;
  // The schedules quota has no period (its "period" is the crossing's id): it frees up as schedules go.
  const consequence =
    quota === 'schedules'
      ? threshold === '100'
        ? 'New schedules are refused until some are deleted or the tier is raised.\n'
        : 'New schedules beyond the limit will be refused until some are deleted or the tier is raised.\n'
      : threshold === '100'
        ? 'Further executions are refused until the quota resets.\n'
        : 'Executions beyond the limit will be refused until the quota resets.\n';
  const when = quota === 'schedules' ? '' : ` for ${period}`;
  const text =
    `${name} ${reached} of its ${limit ?? ''} ${what}${when}.\n` +
    consequence +
    `See the usage: ${settingsUrl}\n`;
  const html = text
    .split('\n')
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
  return {
    delivery: {
      deliveryId: record.id,
      tenantId: record.tenantId,
      address: { kind: 'email', to: record.recipient },
      subject,
      text,
      html,
      downloadUrl: settingsUrl,
      payload: { quota, period, threshold: Number(threshold), limit },
      ...(record.firstAttemptAt ? { firstAttemptAt: new Date(record.firstAttemptAt) } : {}),
    },
    link: null,
    note: null,
  };
}
