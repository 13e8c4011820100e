/**
 * A schedule as it is stored: the parsed rule (cron / interval / calendar / once, zone, bounds, DST policy), what
 * to do with fires missed during downtime, what to run and where to deliver it, and `nextRunAt` — the one fire the
 * due index holds a row for. The API's wire form is in schedule-resource.ts.
 */
import { z } from 'zod';
import { MisfirePolicy } from '../domain/scheduling/misfire-policy';
import { ScheduleRule } from '../domain/scheduling/schedule-rule';
import { EmailDelivery } from './schedule-email-delivery';
import { Id, IsoDateTime, TenantId } from './primitives';

export const ParameterValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type ParameterValues = z.output<typeof ParameterValues>;

export const ScheduleRecord = z.strictObject({
  id: Id,
  tenantId: TenantId,
  reportId: Id,
  name: z.string().max(200).nullable().default(null),
  rule: ScheduleRule,
  /** Holiday calendars whose dates are not business days (calendar rules). */
  holidayCalendarIds: z.array(Id).max(10).default([]),
  misfirePolicy: MisfirePolicy.default({ kind: 'fire_once' }),
  parameters: ParameterValues.default({}),
  emailDelivery: EmailDelivery.nullable().default(null),
  deliveryTargetIds: z.array(Id).max(20).default([]),
  /** False while paused. */
  active: z.boolean(),
  /** The next fire time (UTC), recomputed only when the schedule fires or changes; null when it never fires again. */
  nextRunAt: IsoDateTime.nullable(),
  /** The last fire the scheduler published (a catch-up fire included). */
  lastFireTime: IsoDateTime.nullable().default(null),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Schedule = z.output<typeof ScheduleRecord>;

/** Schedules stored before rules existed (`kind: 'cron'`, `cronExpr`, `timezone`) read as cron rules. */
function upgradeStoredSchedule(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || 'rule' in doc || !('cronExpr' in doc)) return doc;
  const { kind: _kind, cronExpr, timezone, ...rest } = doc as Record<string, unknown>;
  return { ...rest, rule: { kind: 'cron', expression: cronExpr, timezone } };
}

/** The stored form, read with the upgrade of older documents. */
export const Schedule = z.preprocess(upgradeStoredSchedule, ScheduleRecord);
