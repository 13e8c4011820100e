/**
 * Schedules on the wire (`/api/v1/schedules`). A body names its `kind` and the fields of that kind; without
 * `kind`, `cronExpr` makes it a cron schedule, so the design document example body is accepted as is. Every object is strict: an
 * unknown field is a 400 naming it.
 */
import { z } from 'zod';
import { NameText } from './text';
import { BoundedInstant } from '../domain/time-bounds';
import { MisfirePolicy } from '../domain/scheduling/misfire-policy';
import {
  CalendarDays,
  CalendarRule,
  CronRule,
  DstPolicy,
  IntervalRule,
  OnceRule,
  TimeZone,
} from '../domain/scheduling/schedule-rule';
import { pageQuerySchema } from './common';
import { Id, IsoDateTime, TenantId } from './primitives';
import { ParameterValues, ScheduleReportVersion } from './schedule';
import { EmailDelivery } from './schedule-email-delivery';
import { Burst } from './schedule-burst';

const Instant = BoundedInstant;
const HolidayCalendarIds = z.array(Id).max(10);
const DeliveryTargetIds = z.array(Id).max(20);

const common = {
  reportId: Id,
  name: NameText.optional(),
  /** IANA zone; defaults to the tenant's zone (else UTC). */
  timezone: TimeZone.optional(),
  startAt: Instant.optional(),
  endAt: Instant.optional(),
  dstPolicy: DstPolicy.optional(),
  misfirePolicy: MisfirePolicy.optional(),
  parameters: ParameterValues.optional(),
  emailDelivery: EmailDelivery.optional(),
  deliveryTargetIds: DeliveryTargetIds.optional(),
  /**
   * Send only when this holds after extract, in the transforms' expression language over `rowCount`,
   * `changed` (the data differs from the last successful run's) and aggregates such as `sum(amount)`;
   * otherwise the run ends `skipped`. Empty or null: always send.
   */
  condition: z.string().trim().max(500).nullable().optional(),
  /**
   * Which version of the report the runs execute: `latest` (default) follows every save of its query,
   * transforms and template; a version number pins that version, which must exist.
   */
  reportVersion: ScheduleReportVersion.optional(),
  /**
   * Send each recipient only their own rows: split by a column of recipient addresses, or one parameter set
   * per recipient list. Email only; the recipients come from here, so `emailDelivery.recipients` stays empty.
   */
  burst: Burst.nullable().optional(),
};

const kinds = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('cron').optional(), cronExpr: CronRule.shape.expression, ...common }),
    z.strictObject({ kind: z.literal('interval'), every: IntervalRule.shape.every, ...common }),
    z.strictObject({
      kind: z.literal('calendar'),
      time: CalendarRule.shape.time,
      on: CalendarDays,
      holidayCalendarIds: HolidayCalendarIds.optional(),
      ...common,
    }),
    z.strictObject({ kind: z.literal('once'), at: OnceRule.shape.at, ...common }),
  ],
  { error: 'must be cron, interval, calendar or once (without kind, cronExpr makes a cron schedule)' },
);

/** POST and PUT body. PUT replaces the definition; omitted optional fields take their defaults again. */
export const ScheduleInput = kinds.superRefine((input, ctx) => {
  if (input.startAt && input.endAt && Date.parse(input.startAt) > Date.parse(input.endAt))
    ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'endAt must not be before startAt' });
  const email = input.emailDelivery;
  if (email?.enabled && !input.burst && email.recipients.length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['emailDelivery', 'recipients'],
      message: 'at least one recipient is required when email delivery is enabled',
    });
  if (input.burst && email && email.recipients.length > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['emailDelivery', 'recipients'],
      message: 'must be empty with burst: each recipient comes from burst and gets only their slice',
    });
});
export type ScheduleInput = z.output<typeof ScheduleInput>;

export const ScheduleStatus = z.enum(['active', 'paused', 'completed']);

/** A schedule as the API shows it; the fields of its kind are present, the others absent. */
export const ScheduleResource = z
  .strictObject({
    id: Id,
    tenantId: TenantId,
    reportId: Id,
    name: z.string().nullable(),
    kind: z.enum(['cron', 'interval', 'calendar', 'once']),
    cronExpr: z.string().optional(),
    every: z.string().optional(),
    time: z.string().optional(),
    on: CalendarDays.optional(),
    holidayCalendarIds: HolidayCalendarIds.optional(),
    at: z.string().optional(),
    timezone: z.string(),
    startAt: Instant.nullable(),
    endAt: Instant.nullable(),
    dstPolicy: DstPolicy,
    misfirePolicy: MisfirePolicy,
    parameters: ParameterValues,
    emailDelivery: EmailDelivery.nullable(),
    deliveryTargetIds: DeliveryTargetIds,
    condition: z.string().nullable(),
    reportVersion: ScheduleReportVersion,
    burst: Burst.nullable(),
    /** `completed`: active, but the rule has no fire left (past `endAt`, a `once` that fired). */
    status: ScheduleStatus,
    nextRunAt: IsoDateTime.nullable(),
    lastFireTime: IsoDateTime.nullable(),
    createdBy: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Schedule' });
export type ScheduleResource = z.input<typeof ScheduleResource>;

export const ListSchedulesQuery = pageQuerySchema.extend({ reportId: Id.optional() });

const Count = z.coerce.number().int().min(1).max(100).default(10);

/** `GET /schedules/preview`: the next fires of a cron expression, without saving anything. */
export const PreviewFiresQuery = z.strictObject({
  cron: CronRule.shape.expression,
  timezone: TimeZone.default('UTC'),
  /** Fires strictly after this instant; default now. */
  from: Instant.optional(),
  count: Count,
});

/** `GET /schedules/{id}/next`. */
export const NextFiresQuery = z.strictObject({ from: Instant.optional(), count: Count });

export const FireItem = z.strictObject({
  utc: IsoDateTime,
  /** Local date-time in the schedule's zone with its offset, `2025-03-09T03:30:00-04:00`. */
  local: z.string(),
  /** Set when a DST rule moved this fire: out of a spring-forward gap, or the repeat of a fall-back hour. */
  dstAdjusted: z.enum(['shifted_forward', 'second_occurrence']).optional(),
});
export const FireList = z.strictObject({ items: z.array(FireItem) });
export type FireList = z.input<typeof FireList>;

export const TriggeredRun = z.strictObject({ runId: Id });
