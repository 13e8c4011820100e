import type { ReportDefinition } from '../../contracts/report';
import type { ParameterValues } from '../../contracts/schedule';
import type { Burst } from '../../contracts/schedule-burst';
import type { EmailDelivery } from '../../contracts/schedule-email-delivery';
import { AppError } from '../../domain/errors';
import type { Repositories } from '../../ports/repositories';
import { checkScheduleParameters } from './check-schedule-parameters';

const burstInvalid = (field: string, code: string, message: string) =>
  new AppError('BURST_INVALID', `"${field}" ${message}`, {
    location: 'body',
    field,
    issues: [{ field, code, message }],
  });

/**
 * A burst checked against what it works with (422 BURST_INVALID): email only — every delivery target the
 * schedule names must be an email target, since a webhook, Slack or link target would get the whole report
 * or nothing of use — and at least one email channel; in parameters mode each set's names and types against the
 * report, and each address in one entry only (its ledger record carries one slice). The column of column mode
 * can only be checked when the query runs (BURST_COLUMN_MISSING).
 */
export async function checkBurst(
  repos: Repositories,
  tenantId: string,
  report: ReportDefinition,
  schedule: {
    burst: Burst;
    parameters: ParameterValues;
    emailDelivery: EmailDelivery | null;
    deliveryTargetIds: readonly string[];
  },
): Promise<void> {
  const targets = await Promise.all(
    schedule.deliveryTargetIds.map((id) => repos.deliveryTargets.get(tenantId, id)),
  );
  targets.forEach((target, i) => {
    if (target && target.doc.type !== 'email')
      throw burstInvalid(
        `deliveryTargetIds[${i}]`,
        'burst_email_only',
        `is a ${target.doc.type} target: bursting sends each recipient their slice by email only; remove the target or the burst`,
      );
  });
  if (!schedule.emailDelivery?.enabled && targets.length === 0)
    throw burstInvalid(
      'burst',
      'burst_needs_email',
      'needs an email channel: enable emailDelivery (its subject, body and attachPdf apply) or name an email target',
    );
  if (schedule.burst.mode !== 'parameters') return;
  const seen = new Map<string, number>();
  schedule.burst.recipients.forEach((recipient, i) => {
    try {
      checkScheduleParameters(report, { ...schedule.parameters, ...recipient.parameters });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const issue = (err.details.issues as Array<{ field: string; code: string; message: string }>)[0]!;
      throw burstInvalid(`burst.recipients[${i}].${issue.field}`, issue.code, issue.message);
    }
    recipient.to.forEach((address, j) => {
      const key = address.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined)
        throw burstInvalid(
          `burst.recipients[${i}].to[${j}]`,
          'burst_recipient_twice',
          `is already a recipient of entry ${earlier}: an address receives one slice`,
        );
      seen.set(key, i);
    });
  });
}
