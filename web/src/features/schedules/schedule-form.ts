/**
 * The builder's form values and the API body they become. Field names follow the wire form
 * (shared/contracts/schedule-resource.ts), so the API's field errors (`emailDelivery.recipients[1]`) and the
 * client's zod errors land on the same fields.
 */
import type { z } from 'zod';
import type { MisfirePolicy } from '../../../../shared/domain/scheduling/misfire-policy';
import type { CalendarDays, DstPolicy } from '../../../../shared/domain/scheduling/schedule-rule';
import type { ParameterValues, ScheduleReportVersion } from '../../../../shared/contracts/schedule';
import type { ScheduleInput, ScheduleResource } from '../../../../shared/contracts/schedule-resource';
import { instantToLocal, localToInstant } from './zoned-time';
import { emptyBurstForm, fromBurst, toBurst, type BurstForm } from './burst-form';

export type RuleKind = 'cron' | 'interval' | 'calendar' | 'once';

export interface ScheduleForm {
  name: string;
  reportId: string;
  kind: RuleKind;
  cronExpr: string;
  /** ISO 8601 duration (`PT15M`, `P1D`). */
  every: string;
  /** Local date-times (`YYYY-MM-DDTHH:mm`) in `timezone`; '' = none. The interval's anchor is `startAt`. */
  startAt: string;
  endAt: string;
  /** Calendar rule: `HH:mm` and which days. */
  time: string;
  on: CalendarDays;
  holidayCalendarIds: string[];
  /** Once: a local date-time in `timezone`. */
  at: string;
  timezone: string;
  dstPolicy: DstPolicy;
  misfirePolicy: MisfirePolicy;
  parameters: ParameterValues;
  emailDelivery: {
    enabled: boolean;
    recipients: string[];
    subjectTemplate: string;
    bodyTemplate: string;
    attachPdf: boolean;
  };
  deliveryTargetIds: string[];
  /** Send only when this holds after extract (`rowCount > 0`); '' = always. */
  condition: string;
  /** `latest` follows every save of the report; a number pins that version. */
  reportVersion: ScheduleReportVersion;
  /** Each recipient only their rows (off: everyone gets the whole report). */
  burst: BurstForm;
}

export function emptyScheduleForm(timezone: string, reportId = ''): ScheduleForm {
  return {
    name: '',
    reportId,
    kind: 'cron',
    cronExpr: '0 8 * * 1-5',
    every: 'PT1H',
    startAt: '',
    endAt: '',
    time: '08:00',
    on: { type: 'weekdays' },
    holidayCalendarIds: [],
    at: '',
    timezone,
    dstPolicy: { gap: 'shift_forward', overlap: 'first' },
    misfirePolicy: { kind: 'fire_once' },
    parameters: {},
    emailDelivery: {
      enabled: false,
      recipients: [],
      subjectTemplate: '',
      bodyTemplate: '',
      attachPdf: true,
    },
    deliveryTargetIds: [],
    condition: '',
    reportVersion: 'latest',
    burst: emptyBurstForm(),
  };
}

type ScheduleBody = z.input<typeof ScheduleInput>;

/** The POST/PUT body: the chosen kind's fields only, local times turned into instants in the schedule's zone. */
export function toScheduleInput(form: ScheduleForm): ScheduleBody {
  const zone = form.timezone;
  const instant = (local: string) => (local ? (localToInstant(local, zone) ?? local) : undefined);
  const email = form.emailDelivery;
  const burst = toBurst(form.burst);
  const common = {
    reportId: form.reportId,
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    timezone: zone,
    ...(form.kind !== 'interval' && form.startAt ? { startAt: instant(form.startAt) } : {}),
    ...(form.endAt ? { endAt: instant(form.endAt) } : {}),
    dstPolicy: form.dstPolicy,
    misfirePolicy: form.misfirePolicy,
    parameters: form.parameters,
    emailDelivery: {
      enabled: email.enabled,
      // With a burst the recipients come from it: the email's own list is not sent.
      recipients: burst ? [] : email.recipients,
      ...(email.subjectTemplate.trim() ? { subjectTemplate: email.subjectTemplate } : {}),
      ...(email.bodyTemplate.trim() ? { bodyTemplate: email.bodyTemplate } : {}),
      attachPdf: email.attachPdf,
    },
    deliveryTargetIds: form.deliveryTargetIds,
    condition: form.condition.trim() || null,
    reportVersion: form.reportVersion,
    burst,
  };
  switch (form.kind) {
    case 'cron':
      return { kind: 'cron', cronExpr: form.cronExpr.trim(), ...common };
    case 'interval':
      return { kind: 'interval', every: form.every.trim(), ...common, startAt: instant(form.startAt) ?? '' };
    case 'calendar':
      return {
        kind: 'calendar',
        time: form.time,
        on: form.on,
        holidayCalendarIds: form.holidayCalendarIds,
        ...common,
      };
    case 'once':
      return { kind: 'once', at: form.at, ...common };
  }
}

/** The form of a stored schedule (for editing). */
export function fromScheduleResource(schedule: ScheduleResource): ScheduleForm {
  const zone = schedule.timezone;
  const base = emptyScheduleForm(zone, schedule.reportId);
  const email = schedule.emailDelivery;
  return {
    ...base,
    name: schedule.name ?? '',
    kind: schedule.kind,
    cronExpr: schedule.cronExpr ?? base.cronExpr,
    every: schedule.every ?? base.every,
    startAt: schedule.startAt ? instantToLocal(schedule.startAt, zone) : '',
    endAt: schedule.endAt ? instantToLocal(schedule.endAt, zone) : '',
    time: schedule.time ?? base.time,
    on: schedule.on ?? base.on,
    holidayCalendarIds: schedule.holidayCalendarIds ?? [],
    at: schedule.at ? schedule.at.slice(0, 16) : '',
    dstPolicy: {
      gap: schedule.dstPolicy.gap ?? 'shift_forward',
      overlap: schedule.dstPolicy.overlap ?? 'first',
    },
    misfirePolicy: schedule.misfirePolicy,
    parameters: schedule.parameters,
    emailDelivery: email
      ? {
          enabled: email.enabled,
          recipients: email.recipients ?? [],
          subjectTemplate: email.subjectTemplate ?? '',
          bodyTemplate: email.bodyTemplate ?? '',
          attachPdf: email.attachPdf ?? false,
        }
      : { ...base.emailDelivery },
    deliveryTargetIds: schedule.deliveryTargetIds,
    condition: schedule.condition ?? '',
    reportVersion: schedule.reportVersion ?? 'latest',
    burst: fromBurst(schedule.burst),
  };
}
