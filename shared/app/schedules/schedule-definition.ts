import type { Schedule } from '../../contracts/schedule';
import type { ScheduleInput } from '../../contracts/schedule-resource';
import { isValidTimeZone } from '../../domain/scheduling/time-zone';
import type { Repositories } from '../../ports/repositories';
import type { Principal } from '../auth/principal';
import { assertMayRunReport } from '../reports/assert-may-run-report';
import { compileCondition, ConditionError } from '../conditions/compile-condition';
import { checkBurst } from './check-burst';
import { checkDeliveryTargets } from './check-delivery-targets';
import { checkEmailTemplates } from './check-email-templates';
import { checkScheduleParameters } from './check-schedule-parameters';
import { invalidField } from '../validation/invalid-field';
import { ruleFromInput } from './rule-from-input';
import { pinnedDefinition } from './pinned-definition';

/** The part of a schedule its owner defines (the rest is bookkeeping: ids, state, nextRunAt, timestamps). */
export type ScheduleDefinition = Pick<
  Schedule,
  | 'reportId'
  | 'name'
  | 'rule'
  | 'holidayCalendarIds'
  | 'misfirePolicy'
  | 'parameters'
  | 'emailDelivery'
  | 'deliveryTargetIds'
  | 'condition'
  | 'reportVersion'
  | 'burst'
>;

/**
 * An API body made into a definition, with everything it names checked in the caller's tenant: the report (and
 * the pinned version if any, the parameters against it, and that the caller may run it: its owner or a tenant admin), the holiday calendars, the delivery targets, the email templates. The zone defaults to the tenant's.
 */
export async function buildScheduleDefinition(
  repos: Repositories,
  actor: Principal,
  input: ScheduleInput,
  now: Date,
): Promise<ScheduleDefinition> {
  const tenantId = actor.tenantId;
  const [report, tenant] = await Promise.all([
    repos.reports.get(tenantId, input.reportId),
    input.timezone ? undefined : repos.tenants.get(tenantId, tenantId),
  ]);
  if (!report)
    throw invalidField('reportId', 'not_found', `names no report of your tenant (${input.reportId})`);
  assertMayRunReport(actor, report.doc);
  const tenantZone = tenant?.doc.timezone;
  const timezone = input.timezone ?? (tenantZone && isValidTimeZone(tenantZone) ? tenantZone : 'UTC');
  const holidayCalendarIds = input.kind === 'calendar' ? (input.holidayCalendarIds ?? []) : [];
  const calendars = await Promise.all(
    holidayCalendarIds.map((id) => repos.holidayCalendars.get(tenantId, id)),
  );
  calendars.forEach((calendar, i) => {
    if (!calendar)
      throw invalidField(
        `holidayCalendarIds[${i}]`,
        'not_found',
        `names no holiday calendar of your tenant (${holidayCalendarIds[i]})`,
      );
  });
  const deliveryTargetIds = input.deliveryTargetIds ?? [];
  await checkDeliveryTargets(repos, tenantId, deliveryTargetIds);
  const reportVersion = input.reportVersion ?? 'latest';
  const pinned = await pinnedDefinition(repos, report.doc, reportVersion);
  const parameters = input.parameters ?? {};
  checkScheduleParameters(pinned, parameters);
  checkEmailTemplates(input.emailDelivery);
  const condition = input.condition ? input.condition : null;
  if (condition) checkCondition(condition);
  const emailDelivery = input.emailDelivery ?? null;
  const burst = input.burst ?? null;
  if (burst)
    await checkBurst(repos, tenantId, pinned, { burst, parameters, emailDelivery, deliveryTargetIds });
  return {
    reportId: input.reportId,
    name: input.name ?? null,
    rule: ruleFromInput(input, timezone, now),
    holidayCalendarIds,
    misfirePolicy: input.misfirePolicy ?? { kind: 'fire_once' },
    parameters,
    emailDelivery,
    deliveryTargetIds,
    condition,
    reportVersion,
    burst,
  };
}

/** A condition that does not compile is a 400 on `condition` with what is wrong and what to write. */
function checkCondition(condition: string): void {
  try {
    compileCondition(condition);
  } catch (err) {
    if (!(err instanceof ConditionError)) throw err;
    throw invalidField('condition', 'invalid_condition', `${err.message}. ${err.suggestedFix}`);
  }
}
